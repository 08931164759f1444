import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFaultInjector } from '../../../../local/cloud/lambda/faults.ts';
import { createLambdaRunner } from '../../../../local/cloud/lambda/lambda-runner.ts';
import type { FunctionModel } from '../../../../local/cloud/model/functions.ts';

const dir = mkdtempSync(join(tmpdir(), 'runner-test-'));

function fn(name: string, code: string, overrides: Partial<FunctionModel> = {}): FunctionModel {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'index.mjs'), code);
  return {
    logicalId: name,
    stackName: 'Test',
    functionName: name,
    arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    modulePath: join(dir, name, 'index.mjs'),
    handlerName: 'handler',
    timeoutSeconds: 3,
    memoryMb: 128,
    environment: { WHO: name },
    ...overrides,
  };
}

const functions = [
  fn(
    'echo',
    `let calls = 0;
     export const handler = async (event, context) => ({ event, who: process.env.WHO, calls: ++calls,
       requestId: context.awsRequestId, name: context.functionName, arn: context.invokedFunctionArn,
       memory: context.memoryLimitInMB, remaining: context.getRemainingTimeInMillis() });`,
  ),
  fn(
    'other',
    `export const handler = async () => ({ who: process.env.WHO, leaked: process.env.ONLY_ECHO ?? null });`,
  ),
  fn(
    'fails',
    `class ValidationError extends Error { constructor(m) { super(m); this.name = 'ValidationError'; } }
     export const handler = async () => { throw new ValidationError('bad household'); };`,
  ),
  fn(
    'sleeps',
    `export const handler = async (e) => { await new Promise((r) => setTimeout(r, e.ms)); return 'woke'; };`,
    {
      timeoutSeconds: 1,
    },
  ),
  fn(
    'slow-init',
    `await new Promise((r) => setTimeout(r, 1500));
     export const handler = async (event, context) => ({ remaining: context.getRemainingTimeInMillis() });`,
    {
      timeoutSeconds: 1,
    },
  ),
  fn('broken', `export const nothing = 1;`),
  fn(
    'single',
    `export const handler = async () => { await new Promise((r) => setTimeout(r, 300)); return 'done'; };`,
    {
      reservedConcurrency: 1,
    },
  ),
  fn(
    'hog',
    `export const handler = async () => { const a = []; for (;;) a.push(new Array(1e6).fill(1)); };`,
    {
      memoryMb: 32,
    },
  ),
];

const faults = createFaultInjector();
const runner = createLambdaRunner({
  functions,
  faults,
  environmentOf: (f) => ({ ...f.environment, ...(f.functionName === 'echo' ? { ONLY_ECHO: 'yes' } : {}) }),
});
afterAll(() => runner.stop());

describe('createLambdaRunner', () => {
  it('runs a handler with Lambda’s context, and keeps the sandbox warm between calls', async () => {
    const first = await runner.invoke('echo', { n: 1 });
    const second = await runner.invoke('arn:aws:lambda:us-east-1:123456789012:function:echo', { n: 2 });
    expect(first).toMatchObject({
      ok: true,
      payload: { event: { n: 1 }, who: 'echo', calls: 1, name: 'echo', memory: '128' },
    });
    expect(second).toMatchObject({
      ok: true,
      payload: { calls: 2, arn: 'arn:aws:lambda:us-east-1:123456789012:function:echo' },
    });
    const payload = (first as { payload: { requestId: string; remaining: number } }).payload;
    expect(payload.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.remaining).toBeGreaterThan(2000);
  });

  it('gives each function its own environment', async () => {
    expect(await runner.invoke('other', {})).toEqual({ ok: true, payload: { who: 'other', leaked: null } });
  });

  it('returns a function error as errorType, errorMessage and trace', async () => {
    const result = await runner.invoke('fails', {});
    expect(result).toMatchObject({
      ok: false,
      error: { errorType: 'ValidationError', errorMessage: 'bad household' },
    });
    expect((result as { error: { trace: string[] } }).error.trace.length).toBeGreaterThan(0);
  });

  it('fails a call that outlives its timeout with Sandbox.Timedout and recycles the sandbox', async () => {
    const started = Date.now();
    const result = await runner.invoke('sleeps', { ms: 5000 });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(result).toMatchObject({
      ok: false,
      error: {
        errorType: 'Sandbox.Timedout',
        errorMessage: expect.stringMatching(/Task timed out after 1\.00 seconds/),
      },
    });
    expect(await runner.invoke('sleeps', { ms: 1 })).toEqual({ ok: true, payload: 'woke' });
  });

  it('does not count the init phase (importing the bundle) against the invocation timeout, as Lambda', async () => {
    const result = await runner.invoke('slow-init', {});
    expect(result).toMatchObject({ ok: true });
    expect((result as { payload: { remaining: number } }).payload.remaining).toBeGreaterThan(500);
  });

  it('reports a missing handler as Runtime.HandlerNotFound', async () => {
    expect(await runner.invoke('broken', {})).toMatchObject({
      ok: false,
      error: { errorType: 'Runtime.HandlerNotFound' },
    });
  });

  it('enforces the memory size as the sandbox heap limit', async () => {
    expect(await runner.invoke('hog', {})).toMatchObject({
      ok: false,
      error: { errorType: 'Runtime.OutOfMemory' },
    });
  });

  it('throttles invocations beyond the reserved concurrency', async () => {
    const first = runner.invoke('single', {});
    await expect(runner.invoke('single', {})).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    expect(await first).toEqual({ ok: true, payload: 'done' });
    expect(await runner.invoke('single', {})).toEqual({ ok: true, payload: 'done' });
  });

  it('refuses unknown functions as Lambda does', async () => {
    await expect(runner.invoke('nope', {})).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('applies injected faults: throw, timeout and throttle, for the given number of calls', async () => {
    faults.set('other', { kind: 'throw', errorType: 'States.Injected', errorMessage: 'boom', times: 1 });
    expect(await runner.invoke('other', {})).toMatchObject({
      ok: false,
      error: { errorType: 'States.Injected', errorMessage: 'boom' },
    });
    expect((await runner.invoke('other', {})).ok).toBe(true);
    faults.set('other', { kind: 'timeout' });
    expect(await runner.invoke('other', {})).toMatchObject({
      ok: false,
      error: { errorType: 'Sandbox.Timedout' },
    });
    faults.set('other', { kind: 'throttle' });
    await expect(runner.invoke('other', {})).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    faults.clear('other');
    expect((await runner.invoke('other', {})).ok).toBe(true);
  });

  it('queues invocations beyond the per-function concurrency, and reclaims idle sandboxes', async () => {
    const small = createLambdaRunner({
      functions,
      faults: createFaultInjector(),
      environmentOf: (f) => f.environment,
      maxConcurrentPerFunction: 1,
      idleTtlMs: 50,
    });
    try {
      await small.invoke('sleeps', { ms: 1 });
      const started = Date.now();
      await Promise.all([small.invoke('sleeps', { ms: 200 }), small.invoke('sleeps', { ms: 200 })]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
      expect(await small.invoke('echo', {})).toMatchObject({ payload: { calls: 1 } });
      expect(await small.invoke('echo', {})).toMatchObject({ payload: { calls: 2 } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      // The warm sandbox was reclaimed: this call is a cold start with fresh module state.
      expect(await small.invoke('echo', {})).toMatchObject({ payload: { calls: 1 } });
    } finally {
      await small.stop();
    }
  });
});
