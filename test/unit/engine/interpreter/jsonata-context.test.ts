import { describe, expect, it } from 'vitest';
import { execute } from './run-helper.ts';

/** `$states.context` is built only for states whose expressions may read it: each way of reading it must still see it. */
function passWithOutput(output: unknown): Record<string, unknown> {
  return {
    QueryLanguage: 'JSONata',
    StartAt: 'Describe',
    States: { Describe: { Type: 'Pass', Output: output, End: true } },
  };
}

describe('JSONata $states.context', () => {
  it('shows the execution, state machine and state to an expression that reads it', async () => {
    const { result } = await execute(
      passWithOutput({
        execution: '{% $states.context.Execution.Name %}',
        machine: '{% $states.context.StateMachine.Name %}',
        state: '{% $states.context.State.Name %}',
        retries: '{% $states.context.State.RetryCount %}',
      }),
    );
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: { execution: 'run-1', machine: 'unit', state: 'Describe', retries: 0 },
    });
  });

  it('is among the keys of $states, after input, and reachable through $lookup and $eval', async () => {
    const { result } = await execute(
      passWithOutput({
        keys: '{% $keys($states) %}',
        looked: "{% $lookup($states, 'context').Execution.Name %}",
        evaluated: "{% $eval('$states.context.State.Name') %}",
      }),
    );
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: { keys: ['input', 'context'], looked: 'run-1', evaluated: 'Describe' },
    });
  });

  it('is there whole when $states or $states.context is read as a value', async () => {
    const { result } = await execute(
      passWithOutput({ states: '{% $states %}', context: '{% $states.context %}' }),
      { a: 1 },
    );
    expect(result.status).toBe('SUCCEEDED');
    const output = (result as { output: { states: Record<string, unknown>; context: unknown } }).output;
    expect(Object.keys(output.states)).toEqual(['input', 'context']);
    expect(output.states['input']).toEqual({ a: 1 });
    expect(output.context).toEqual(output.states['context']);
    expect(output.context).toMatchObject({
      Execution: { Name: 'run-1' },
      StateMachine: { Name: 'unit' },
      State: { Name: 'Describe', RetryCount: 0, EnteredTime: '2024-01-01T00:00:00.000Z' },
    });
  });

  it('is seen by a Catch Output and a Choice Condition', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [
            {
              ErrorEquals: ['States.ALL'],
              Output: '{% { "failedIn": $states.context.State.Name } %}',
              Next: 'Check',
            },
          ],
          End: true,
        },
        Check: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $states.context.State.Name = "Check" %}', Next: 'Done' }],
          Default: 'Wrong',
        },
        Done: { Type: 'Succeed' },
        Wrong: { Type: 'Fail', Error: 'Wrong' },
      },
    };
    const { result } = await execute(
      definition,
      {},
      { tasks: { '*': () => ({ ok: false, error: 'Boom' }) } },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { failedIn: 'Call' } });
  });
});
