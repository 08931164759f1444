import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { roleArn } from './sfn-client.ts';

const directory = mkdtempSync(join(tmpdir(), 'engine-crash-'));
const database = join(directory, 'engine.db');
const invocationLog = join(directory, 'invocations.log');
const children: ChildProcess[] = [];

/** The server in its own process (node + tsx loader, no npx in between, so SIGKILL hits the server itself). */
async function startServer(): Promise<{ child: ChildProcess; sfn: SFNClient }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'local/engine/server-main.ts',
      '--port',
      '0',
      '--db',
      database,
      '--lambdas',
      'test/integration/engine/fixtures/crash-lambdas.ts',
    ],
    { env: { ...process.env, CRASH_TEST_LOG: invocationLog }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const sfn = new SFNClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
  });
  return { child, sfn };
}

function kill(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function history(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events!;
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const invocations = (name: string) =>
  readFileSync(invocationLog, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith(`${name} `));

const definitions = {
  wait: {
    QueryLanguage: 'JSONata',
    StartAt: 'Double',
    States: {
      Double: {
        Type: 'Task',
        Resource: 'arn:aws:lambda:us-east-1:123456789012:function:double',
        Arguments: { value: '{% $states.input.value %}' },
        Next: 'Pause',
      },
      Pause: { Type: 'Wait', Seconds: 3, Next: 'Done' },
      Done: { Type: 'Pass', Output: { doubled: '{% $states.input.value %}', at: '{% $now() %}' }, End: true },
    },
  },
  callback: {
    QueryLanguage: 'JSONata',
    StartAt: 'Ask',
    States: {
      Ask: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Arguments: { FunctionName: 'notify', Payload: { token: '{% $states.context.Task.Token %}' } },
        TimeoutSeconds: 600,
        End: true,
      },
    },
  },
  map: {
    QueryLanguage: 'JSONata',
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        Items: '{% $states.input.values %}',
        MaxConcurrency: 3,
        ItemProcessor: {
          StartAt: 'Double item',
          States: {
            'Double item': {
              Type: 'Task',
              Resource: 'arn:aws:lambda:us-east-1:123456789012:function:double',
              Arguments: { value: '{% $states.input %}' },
              Output: '{% $states.result.value %}',
              Next: 'Rest',
            },
            Rest: { Type: 'Wait', Seconds: 1, End: true },
          },
        },
        End: true,
      },
    },
  },
};

describe('crash recovery (SIGKILL mid-execution)', () => {
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('finishes waiting, callback and Map executions after the server is killed and restarted', async () => {
    const first = await startServer();
    const arns: Record<string, string> = {};
    for (const [name, definition] of Object.entries(definitions)) {
      const created = await first.sfn.send(
        new CreateStateMachineCommand({
          name: `crash-${name}`,
          definition: JSON.stringify(definition),
          roleArn,
        }),
      );
      arns[name] = created.stateMachineArn!;
    }
    const values = Array.from({ length: 12 }, (_, index) => index + 1);
    const waiting = await first.sfn.send(
      new StartExecutionCommand({ stateMachineArn: arns['wait'], input: '{"value":21}' }),
    );
    const callback = await first.sfn.send(
      new StartExecutionCommand({ stateMachineArn: arns['callback'], input: '{}' }),
    );
    const map = await first.sfn.send(
      new StartExecutionCommand({ stateMachineArn: arns['map'], input: JSON.stringify({ values }) }),
    );

    await until(
      async () =>
        (await history(first.sfn, waiting.executionArn!)).some((e) => e.type === 'WaitStateEntered')
          ? true
          : undefined,
      'the Wait state',
    );
    const token = await until(async () => {
      const scheduled = (await history(first.sfn, callback.executionArn!)).find(
        (e) => e.type === 'TaskScheduled',
      );
      const parameters = scheduled && JSON.parse(scheduled.taskScheduledEventDetails!.parameters!);
      return parameters?.Payload?.token as string | undefined;
    }, 'the callback token');
    await until(async () => {
      const done = (await history(first.sfn, map.executionArn!)).filter(
        (e) => e.type === 'MapIterationSucceeded',
      );
      return done.length >= 3 ? true : undefined;
    }, 'three Map iterations');
    expect(
      (await first.sfn.send(new DescribeExecutionCommand({ executionArn: map.executionArn }))).status,
    ).toBe('RUNNING');

    await kill(first.child);
    first.sfn.destroy();
    const doubleCallsBeforeRestart = invocations('double').length;

    const second = await startServer();
    await second.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    const finished = async (executionArn: string) =>
      until(
        async () => {
          const described = await second.sfn.send(new DescribeExecutionCommand({ executionArn }));
          return described.status === 'RUNNING' ? undefined : described;
        },
        `execution ${executionArn}`,
        60_000,
      );

    const waited = await finished(waiting.executionArn!);
    expect(waited.status).toBe('SUCCEEDED');
    expect(JSON.parse(waited.output!).doubled).toBe(42);
    expect(waited.stopDate!.getTime() - waited.startDate!.getTime()).toBeGreaterThanOrEqual(3000);
    const called = await finished(callback.executionArn!);
    expect(called).toMatchObject({ status: 'SUCCEEDED', output: '{"approved":true}' });
    const mapped = await finished(map.executionArn!);
    expect(mapped.status).toBe('SUCCEEDED');
    expect(JSON.parse(mapped.output!)).toEqual(values.map((value) => value * 2));

    // Tasks journaled before the crash are not invoked again: the wait machine's Double ran once,
    // and the Map re-invokes at most the iterations that were in flight (at-least-once).
    expect(invocations('double').filter((line) => line.includes('"value":21'))).toHaveLength(1);
    expect(invocations('notify')).toHaveLength(1);
    expect(invocations('double').length).toBeLessThanOrEqual(1 + values.length + 3);
    expect(doubleCallsBeforeRestart).toBeGreaterThanOrEqual(4);

    const events = await history(second.sfn, map.executionArn!);
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
    expect(events.filter((event) => event.type === 'MapIterationSucceeded')).toHaveLength(values.length);
    await kill(second.child);
    second.sfn.destroy();
  });

  it('keeps every acknowledged StartExecution when killed in the middle of a burst', async () => {
    const first = await startServer();
    const stateMachineArn = `arn:aws:states:us-east-1:123456789012:stateMachine:crash-wait`;
    const started = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        first.sfn.send(
          new StartExecutionCommand({
            stateMachineArn,
            name: `burst-${index}`,
            input: JSON.stringify({ value: index }),
          }),
        ),
      ),
    );
    await kill(first.child);
    first.sfn.destroy();
    const second = await startServer();
    for (const [index, execution] of started.entries()) {
      const described = await until(
        async () => {
          const current = await second.sfn.send(
            new DescribeExecutionCommand({ executionArn: execution.executionArn }),
          );
          return current.status === 'RUNNING' ? undefined : current;
        },
        `burst execution ${index}`,
        60_000,
      );
      expect(described.status).toBe('SUCCEEDED');
      expect(JSON.parse(described.output!).doubled).toBe(index * 2);
    }
    await kill(second.child);
    second.sfn.destroy();
  });
});
