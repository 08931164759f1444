import { describe, expect, it } from 'vitest';
import type { ExecutionEffects, ExecutionResult } from '#engine/contract.ts';
import { createMemoryEffects, type TaskHandler } from '#engine/memory-effects.ts';
import { execute, sequentialUuids } from './run-helper.ts';

/**
 * A lean run (`countsEventsOnly`) numbers events without building them: it must end as a normal
 * run does, ask for the same effects under the same keys, and name the same event ids in errors.
 */

const FUNCTION = 'arn:aws:lambda:eu-west-1:123456789012:function:';
const SERVICE = 'arn:aws:states:::dynamodb:putItem';

const intake = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Result: 'intake', ResultPath: '$.source', Next: 'Validate' },
    Validate: { Type: 'Task', Resource: `${FUNCTION}validate`, ResultPath: '$.validation', Next: 'Is valid' },
    'Is valid': {
      Type: 'Choice',
      Choices: [{ Variable: '$.validation.valid', BooleanEquals: true, Next: 'Score' }],
      Default: 'Rejected',
    },
    Score: {
      Type: 'Task',
      Resource: SERVICE,
      Parameters: {
        'members.$': '$.members',
        'execution.$': '$$.Execution.Name',
        'retried.$': '$$.State.RetryCount',
      },
      Retry: [{ ErrorEquals: ['Busy'], MaxAttempts: 2, JitterStrategy: 'FULL' }],
      ResultSelector: { 'score.$': '$.score' },
      ResultPath: '$.score',
      Next: 'Wrong path',
    },
    'Wrong path': { Type: 'Pass', InputPath: '$.nowhere', End: true },
    Rejected: { Type: 'Fail', Error: 'Intake.Invalid', Cause: 'No members' },
  },
};

const tokenAndJsonata = {
  QueryLanguage: 'JSONata',
  StartAt: 'Ask',
  States: {
    Ask: {
      Type: 'Task',
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      Arguments: { token: '{% $states.context.Task.Token %}', at: '{% $now() %}' },
      Assign: { answer: '{% $states.result.answer %}' },
      Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Next: 'Refused' }],
      Next: 'Done',
    },
    Done: { Type: 'Pass', Output: '{% { "answer": $answer, "id": $uuid() } %}', End: true },
    Refused: { Type: 'Fail', Error: 'Refused', Cause: '{% $states.input.Cause %}' },
  },
};

function handlers(): Record<string, TaskHandler> {
  let scoreCalls = 0;
  return {
    [`${FUNCTION}validate`]: (request) => ({
      ok: true,
      output: { valid: (request.parameters as { members: number }).members > 0 },
    }),
    [SERVICE]: () =>
      ++scoreCalls === 1
        ? { ok: false, error: 'Busy', cause: 'try again' }
        : { ok: true, output: { score: 7 } },
    'arn:aws:states:::sqs:sendMessage.waitForTaskToken': (request) =>
      (request.parameters as { token: string }).token.endsWith('1')
        ? { ok: true, output: { answer: 'yes' } }
        : { ok: false, error: 'Refused', cause: 'no' },
  };
}

/** Runs a definition with effects that log every effect key; returns the result, the keys and the event count. */
async function run(definition: Record<string, unknown>, input: unknown, lean: boolean) {
  const keys: string[] = [];
  const effects = createMemoryEffects({ tasks: handlers(), uuid: sequentialUuids(), countsEventsOnly: lean });
  const logged: ExecutionEffects = Object.create(effects);
  for (const method of ['runTask', 'sleepUntil', 'now', 'uuid'] as const) {
    const original = effects[method].bind(effects) as (key: string, ...rest: unknown[]) => unknown;
    Object.assign(logged, {
      [method]: (key: string, ...rest: unknown[]) => {
        keys.push(`${method} ${key}`);
        return original(key, ...rest);
      },
    });
  }
  const { result } = await execute(definition, input, { effects: logged as typeof effects });
  return { result, keys, events: effects.events.length };
}

async function expectLeanLikeNormal(
  definition: Record<string, unknown>,
  input: unknown,
): Promise<ExecutionResult> {
  const normal = await run(definition, input, false);
  const lean = await run(definition, input, true);
  expect(lean.result).toEqual(normal.result);
  expect(lean.keys).toEqual(normal.keys);
  expect(normal.events).toBeGreaterThan(0);
  expect(lean.events).toBe(0);
  return lean.result;
}

describe('lean run', () => {
  it('ends as a normal run, with the same effect keys and the same event ids in errors', async () => {
    const failed = await expectLeanLikeNormal(intake, { householdId: 'h-1', members: 3 });
    expect(failed).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(failed.status === 'FAILED' && failed.cause).toMatch(/entered at the event id #\d+/);
    expect(await expectLeanLikeNormal(intake, { householdId: 'h-2', members: 0 })).toEqual({
      status: 'FAILED',
      error: 'Intake.Invalid',
      cause: 'No members',
    });
  });

  it('issues task tokens, evaluates JSONata and catches as a normal run does', async () => {
    expect(await expectLeanLikeNormal(tokenAndJsonata, {})).toMatchObject({ status: 'SUCCEEDED' });
  });
});
