import { describe, expect, it } from 'vitest';
import { execute } from './run-helper.ts';

const RESOURCE = 'arn:aws:states:::dynamodb:putItem';
const failing = {
  [RESOURCE]: () => ({
    ok: false as const,
    error: 'DynamoDB.ConditionalCheckFailedException',
    cause: 'exists',
  }),
};

describe('Catch', () => {
  it('places the error output at ResultPath and goes to the catcher Next (JSONPath)', async () => {
    const definition = {
      StartAt: 'Save',
      States: {
        Save: {
          Type: 'Task',
          Resource: RESOURCE,
          Catch: [
            { ErrorEquals: ['Other'], Next: 'Wrong' },
            { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.failure', Next: 'Handled' },
          ],
          End: true,
        },
        Wrong: { Type: 'Fail', Error: 'Wrong' },
        Handled: { Type: 'Pass', End: true },
      },
    };
    const { result } = await execute(definition, { householdId: 'h-1' }, { tasks: failing });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: {
        householdId: 'h-1',
        failure: { Error: 'DynamoDB.ConditionalCheckFailedException', Cause: 'exists' },
      },
    });
  });

  it('evaluates Output and Assign against $states.errorOutput (JSONata)', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Save',
      States: {
        Save: {
          Type: 'Task',
          Resource: RESOURCE,
          Catch: [
            {
              ErrorEquals: ['States.ALL'],
              Output: '{% { "id": $states.input.householdId, "reason": $states.errorOutput.Error } %}',
              Assign: { lastError: '{% $states.errorOutput.Cause %}' },
              Next: 'Report',
            },
          ],
          End: true,
        },
        Report: { Type: 'Pass', Output: '{% $merge([$states.input, { "cause": $lastError }]) %}', End: true },
      },
    };
    const { result } = await execute(definition, { householdId: 'h-2' }, { tasks: failing });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: { id: 'h-2', reason: 'DynamoDB.ConditionalCheckFailedException', cause: 'exists' },
    });
  });

  it('catches a Fail state inside a Parallel branch as the branch error', async () => {
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Ok', States: { Ok: { Type: 'Pass', End: true } } },
            { StartAt: 'No', States: { No: { Type: 'Fail', Error: 'Refused', Cause: 'no consent' } } },
          ],
          Catch: [{ ErrorEquals: ['Refused'], Next: 'Closed' }],
          End: true,
        },
        Closed: { Type: 'Pass', End: true },
      },
    };
    const { result } = await execute(definition, {});
    expect(result).toEqual({ status: 'SUCCEEDED', output: { Error: 'Refused', Cause: 'no consent' } });
  });

  it('does not let States.ALL catch a States.Runtime error', async () => {
    const definition = {
      StartAt: 'Save',
      States: {
        Save: {
          Type: 'Task',
          Resource: RESOURCE,
          InputPath: '$.missing',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }],
          End: true,
        },
        Handled: { Type: 'Pass', End: true },
      },
    };
    const { result } = await execute(definition, {}, { tasks: failing });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });
});
