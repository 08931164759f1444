import { describe, expect, it } from 'vitest';
import { execute } from './run-helper.ts';

/** `$$` paths read the context object; those that stay within one part of it are served that part alone. */
describe('JSONPath context object', () => {
  it('reads the execution, the state machine, the state and a Map item', async () => {
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: {
            'index.$': '$$.Map.Item.Index',
            'value.$': '$$.Map.Item.Value',
            'item.$': '$$.Map.Item',
          },
          ItemProcessor: {
            StartAt: 'Describe',
            States: {
              Describe: {
                Type: 'Pass',
                Parameters: {
                  'item.$': '$',
                  'execution.$': '$$.Execution.Name',
                  'machine.$': '$$.StateMachine',
                  'state.$': '$$.State.Name',
                  'entered.$': '$$.State.EnteredTime',
                  'whole.$': '$$.Execution',
                },
                End: true,
              },
            },
          },
          End: true,
        },
      },
    };
    const { result } = await execute(definition, { items: ['a'] });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        {
          item: { index: 0, value: 'a', item: { Index: 0, Value: 'a' } },
          execution: 'run-1',
          machine: { Id: 'arn:aws:states:eu-west-1:123456789012:stateMachine:unit', Name: 'unit' },
          state: 'Describe',
          entered: '2024-01-01T00:00:00.000Z',
          whole: expect.objectContaining({ Name: 'run-1', Input: { items: ['a'] } }),
        },
      ],
    });
  });

  it('fails on a missing context field as on a missing input field', async () => {
    const definition = {
      StartAt: 'Read',
      States: { Read: { Type: 'Pass', Parameters: { 'x.$': '$$.Execution.Nope' }, End: true } },
    };
    const { result } = await execute(definition, {});
    expect(result).toEqual({
      status: 'FAILED',
      error: 'States.Runtime',
      cause:
        "An error occurred while executing the state 'Read' (entered at the event id #2). The JSONPath '$$.Execution.Nope' specified for the field 'x.$' could not be found in the input '{}'",
    });
  });
});
