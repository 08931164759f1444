import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { functionNameOfArn, type LambdaMeter, startLambdaMeter } from '../../../bench/lib/lambda-meter.ts';

/** A sandbox speaking the local runner's two messages: `invoke` in, `result` out after `delay` ms. */
const SANDBOX = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (message) => {
  if (message.type !== 'invoke') return;
  setTimeout(() => parentPort.postMessage({ type: 'result', requestId: message.requestId, ok: true, payload: 'null' }), message.delay);
});
`;

const invoke = (requestId: string, delay: number) => ({
  type: 'invoke',
  requestId,
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:CaseworkService-FnReserve',
  timeoutMs: 1000,
  event: 'null',
  delay,
});

describe('startLambdaMeter', () => {
  let meter: LambdaMeter | undefined;
  afterEach(() => meter?.stop());

  it('times each invocation from the event handed over to the result, the first one on a sandbox cold', async () => {
    meter = startLambdaMeter();
    const worker = new Worker(SANDBOX, { eval: true });
    try {
      worker.postMessage(invoke('r1', 30));
      expect(meter.inFlight()).toBe(1);
      await once(worker, 'message');
      worker.postMessage(invoke('r2', 0));
      await once(worker, 'message');
      expect(meter.inFlight()).toBe(0);
      expect(meter.invocations.map((call) => [call.functionName, call.cold])).toEqual([
        ['CaseworkService-FnReserve', true],
        ['CaseworkService-FnReserve', false],
      ]);
      expect(meter.invocations[0]!.durationMs).toBeGreaterThanOrEqual(25);
    } finally {
      await worker.terminate();
    }
  });

  it('bills an invocation cut short by the sandbox ending, and leaves Worker as it was once stopped', async () => {
    const post = Worker.prototype.postMessage;
    meter = startLambdaMeter();
    const worker = new Worker(SANDBOX, { eval: true });
    worker.postMessage(invoke('r1', 10_000));
    await worker.terminate();
    expect(meter.inFlight()).toBe(0);
    expect(meter.invocations).toHaveLength(1);
    meter.stop();
    meter = undefined;
    expect(Worker.prototype.postMessage).toBe(post);
    expect(Object.hasOwn(Worker.prototype, 'emit')).toBe(false);
  });

  it('reads the function name out of an ARN, with or without a qualifier', () => {
    expect(functionNameOfArn('arn:aws:lambda:us-east-1:1:function:fn')).toBe('fn');
    expect(functionNameOfArn('arn:aws:lambda:us-east-1:1:function:fn:$LATEST')).toBe('fn');
  });
});
