import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ExecutionAlreadyExists,
  SFNClient,
  SFNServiceException,
  StartExecutionCommand,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  type AsyncQueue,
  AsyncQueueClosedError,
  openAsyncQueue,
} from '../../../../local/cloud/lambda/async-queue.ts';
import type { LambdaErrorPayload } from '../../../../local/cloud/lambda/lambda-errors.ts';
import { RunnerStoppedError } from '../../../../local/cloud/lambda/lambda-errors.ts';
import type { InvocationResult, LambdaRunner } from '../../../../local/cloud/lambda/lambda-runner.ts';
import { asyncDeliverer, notificationTargets } from '../../../../local/cloud/s3/notification-targets.ts';

const fnArn = 'arn:aws:lambda:us-east-1:123456789012:function:ingest';
const flowArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:bulk';
const upload = { Records: [{ s3: { bucket: { name: 'uploads' }, object: { key: 'partner-7/list.csv' } } }] };
const failure: InvocationResult = { ok: false, error: { errorType: 'Boom', errorMessage: 'no', trace: [] } };

const directory = mkdtempSync(join(tmpdir(), 'async-queue-test-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(directory, `queue-${++files}.db`);

/** A stand-in runner: answers each invocation with `answer`, and records what it was given. */
function standInRunner(answer: (call: number) => Promise<InvocationResult>) {
  const calls: { arn: string; event: unknown }[] = [];
  const runner: LambdaRunner = {
    find: () => undefined,
    invoke: (arn, event) => {
      calls.push({ arn, event });
      return answer(calls.length);
    },
    stop: async () => undefined,
  };
  return { runner, calls };
}

const sfn = mockClient(SFNClient);
afterEach(() => sfn.reset());
const opened: AsyncQueue[] = [];
afterEach(() => {
  for (const queue of opened.splice(0)) queue.close();
});

function open(path: string, runner: LambdaRunner, retryDelaysMs = [1, 1]) {
  const dead: { arn: string; event: unknown; error: LambdaErrorPayload }[] = [];
  const logged: string[] = [];
  const log = (message: string) => logged.push(message);
  const queue = openAsyncQueue({
    path,
    deliver: asyncDeliverer({
      runner,
      sfnClient: new SFNClient({ region: 'us-east-1' }),
      log,
      deadLetter: (arn, event, error) => dead.push({ arn, event, error }),
      retryDelaysMs,
    }),
    log,
  });
  opened.push(queue);
  return { queue, dead, logged };
}

describe('the durable queue of asynchronous deliveries', () => {
  it('runs a Lambda delivery and deletes its row once the function succeeded', async () => {
    const { runner, calls } = standInRunner(async () => ({ ok: true, payload: null }));
    const { queue, dead } = open(freshPath(), runner);
    queue.enqueue('lambda-invoke', fnArn, upload);
    expect(queue.size()).toBe(1);
    await queue.settled();
    expect(calls).toEqual([{ arn: fnArn, event: upload }]);
    expect(queue.size()).toBe(0);
    expect(dead).toEqual([]);
  });

  it('keeps the row when the runner stopped, and a reopened queue delivers it once', async () => {
    const path = freshPath();
    const stopped = standInRunner(async () => {
      throw new RunnerStoppedError();
    });
    const first = open(path, stopped.runner);
    first.queue.enqueue('lambda-invoke', fnArn, upload);
    await first.queue.settled();
    expect(stopped.calls).toHaveLength(1);
    expect(first.queue.size()).toBe(1);
    expect(first.dead).toEqual([]);
    first.queue.close();

    const working = standInRunner(async () => ({ ok: true, payload: null }));
    const second = open(path, working.runner);
    expect(second.queue.resume()).toBe(1);
    expect(second.queue.resume()).toBe(0); // already running: not started twice
    await second.queue.settled();
    expect(working.calls).toEqual([{ arn: fnArn, event: upload }]);
    expect(second.queue.size()).toBe(0);
    expect(second.queue.resume()).toBe(0);
    await second.queue.settled();
    expect(working.calls).toHaveLength(1);
  });

  it('keeps the row of a delivery still running when the queue closes (shutdown)', async () => {
    const path = freshPath();
    let finish: (result: InvocationResult) => void = () => undefined;
    const hanging = standInRunner(() => new Promise((resolve) => (finish = resolve)));
    const first = open(path, hanging.runner);
    first.queue.enqueue('lambda-invoke', fnArn, upload);
    await new Promise((resolve) => setTimeout(resolve, 10));
    first.queue.close();
    // The runner stopping terminates the sandbox: the attempt fails, after the close.
    finish(failure);
    await first.queue.settled();
    expect(first.dead).toEqual([]);
    expect(() => first.queue.enqueue('lambda-invoke', fnArn, upload)).toThrow(AsyncQueueClosedError);

    const working = standInRunner(async () => ({ ok: true, payload: null }));
    const second = open(path, working.runner);
    expect(second.queue.resume()).toBe(1);
    await second.queue.settled();
    expect(working.calls).toEqual([{ arn: fnArn, event: upload }]);
    expect(second.queue.size()).toBe(0);
  });

  it('dead-letters once after every attempt failed, and deletes the row', async () => {
    const { runner, calls } = standInRunner(async () => failure);
    const { queue, dead } = open(freshPath(), runner);
    queue.enqueue('lambda-invoke', fnArn, upload);
    await queue.settled();
    expect(calls).toHaveLength(3);
    expect(dead).toEqual([{ arn: fnArn, event: upload, error: failure.ok ? undefined : failure.error }]);
    expect(queue.size()).toBe(0);
  });

  it('resumes the rows left in enqueue order', async () => {
    const path = freshPath();
    const stopped = standInRunner(async () => {
      throw new RunnerStoppedError();
    });
    const first = open(path, stopped.runner);
    for (const n of [1, 2, 3]) first.queue.enqueue('lambda-invoke', fnArn, { n });
    await first.queue.settled();
    first.queue.close();
    const working = standInRunner(async () => ({ ok: true, payload: null }));
    const second = open(path, working.runner);
    expect(second.queue.resume()).toBe(3);
    await second.queue.settled();
    expect(working.calls.map((call) => call.event)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('starts a rule target’s execution named after the delivery, and deletes the row', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${flowArn}:x`, startDate: new Date() });
    const { runner } = standInRunner(async () => ({ ok: true, payload: null }));
    const { queue } = open(freshPath(), runner);
    const input = { source: 'aws.s3', detail: { object: { key: 'partner-7/list.csv' } } };
    notificationTargets({ queue, log: () => undefined }).startExecution(flowArn, input);
    await queue.settled();
    const sent = sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ stateMachineArn: flowArn, input: JSON.stringify(input) });
    expect(sent[0]!.name).toMatch(/^[0-9a-f-]{36}$/);
    expect(queue.size()).toBe(0);
  });

  it('reuses the execution name when a StartExecution is delivered again', async () => {
    const path = freshPath();
    const { runner } = standInRunner(async () => ({ ok: true, payload: null }));
    const unreachable = Object.assign(new Error('connect ECONNREFUSED'), { $metadata: {} });
    sfn.on(StartExecutionCommand).rejects(unreachable);
    const first = open(path, runner);
    first.queue.enqueue('start-execution', flowArn, { n: 1 });
    await first.queue.settled();
    const tried = sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input.name);
    expect(tried).toHaveLength(3); // the first attempt and two retries, under one name
    expect(new Set(tried).size).toBe(1);
    expect(first.queue.size()).toBe(1); // then kept for the next start
    expect(first.logged.at(-1)).toMatch(/kept for the next start after 3 attempts/);
    first.queue.close();

    sfn.reset();
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${flowArn}:x`, startDate: new Date() });
    const second = open(path, runner);
    second.queue.resume();
    await second.queue.settled();
    const sent = sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input);
    expect(sent).toEqual([{ stateMachineArn: flowArn, name: tried[0], input: '{"n":1}' }]);
    expect(second.queue.size()).toBe(0);
  });

  it('drops a StartExecution refused for good (logged), and one an earlier delivery already started', async () => {
    const { runner } = standInRunner(async () => ({ ok: true, payload: null }));
    sfn
      .on(StartExecutionCommand, { stateMachineArn: `${flowArn}-gone` })
      .rejects(
        new StateMachineDoesNotExist({
          message: 'State Machine Does Not Exist',
          $metadata: { httpStatusCode: 400 },
        }),
      )
      .on(StartExecutionCommand, { stateMachineArn: flowArn })
      .rejects(
        new ExecutionAlreadyExists({
          message: 'Execution Already Exists',
          $metadata: { httpStatusCode: 400 },
        }),
      );
    const { queue, logged } = open(freshPath(), runner);
    queue.enqueue('start-execution', `${flowArn}-gone`, {});
    queue.enqueue('start-execution', flowArn, {});
    await queue.settled();
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(2);
    expect(queue.size()).toBe(0);
    expect(logged.some((line) => line.includes('StateMachineDoesNotExist'))).toBe(true);
    expect(logged.some((line) => line.includes('started by an earlier delivery'))).toBe(true);
  });

  it('retries a StartExecution the engine failed with a server fault', async () => {
    const { runner } = standInRunner(async () => ({ ok: true, payload: null }));
    const fault = new SFNServiceException({
      name: 'InternalServerError',
      $fault: 'server',
      $metadata: { httpStatusCode: 500 },
      message: 'boom',
    });
    sfn
      .on(StartExecutionCommand)
      .rejectsOnce(fault)
      .resolves({ executionArn: `${flowArn}:x`, startDate: new Date() });
    const { queue } = open(freshPath(), runner);
    queue.enqueue('start-execution', flowArn, {});
    await queue.settled();
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(2);
    expect(queue.size()).toBe(0);
  });

  it('sends S3 notifications and Event invocations through the queue as Lambda deliveries', async () => {
    const { runner, calls } = standInRunner(async () => ({ ok: true, payload: null }));
    const { queue } = open(freshPath(), runner);
    notificationTargets({ queue, log: () => undefined }).invokeAsync(fnArn, upload);
    expect(queue.size()).toBe(1);
    await queue.settled();
    expect(calls).toEqual([{ arn: fnArn, event: upload }]);
  });

  it('delivers after a restart an event whose process was SIGKILLed mid-delivery', async () => {
    const path = freshPath();
    const child = spawn(
      process.execPath,
      [
        fileURLToPath(new URL('./fixtures/enqueue-and-hang.ts', import.meta.url)),
        path,
        fnArn,
        JSON.stringify(upload),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('invoking') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited (${code}) before invoking: ${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const { runner, calls } = standInRunner(async () => ({ ok: true, payload: null }));
    const { queue } = open(path, runner);
    expect(queue.resume()).toBe(1);
    await queue.settled();
    expect(calls).toEqual([{ arn: fnArn, event: upload }]);
    expect(queue.size()).toBe(0);
  }, 30_000);
});
