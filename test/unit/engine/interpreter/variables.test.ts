import { describe, expect, it } from 'vitest';
import { execute } from './run-helper.ts';

describe('JSONata Assign and variable scoping', () => {
  it('evaluates Assign and Output against the variables as they were on entry', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'First',
      States: {
        First: { Type: 'Pass', Assign: { count: 1 }, Next: 'Second' },
        Second: {
          Type: 'Pass',
          Assign: { count: '{% $count + 1 %}', previous: '{% $count %}' },
          Output: '{% { "seen": $count } %}',
          Next: 'Third',
        },
        Third: {
          Type: 'Pass',
          Output: '{% { "count": $count, "previous": $previous, "in": $states.input } %}',
          End: true,
        },
      },
    };
    const { result } = await execute(definition, {});
    expect(result).toEqual({ status: 'SUCCEEDED', output: { count: 2, previous: 1, in: { seen: 1 } } });
  });

  it('lets Map iterations read outer variables but keeps their assignments to themselves', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { factor: 10, inner: 'outer' }, Next: 'Each' },
        Each: {
          Type: 'Map',
          Items: [1, 2],
          ItemProcessor: {
            StartAt: 'Scale',
            States: {
              Scale: { Type: 'Pass', Assign: { inner: '{% $states.input %}' }, Next: 'Read' },
              Read: { Type: 'Pass', Output: '{% $states.input * $factor + $inner %}', End: true },
            },
          },
          Assign: { total: '{% $sum($states.result) %}' },
          Next: 'Done',
        },
        Done: { Type: 'Pass', Output: '{% { "total": $total, "inner": $inner } %}', End: true },
      },
    };
    const { result } = await execute(definition, {});
    expect(result).toEqual({ status: 'SUCCEEDED', output: { total: 33, inner: 'outer' } });
  });

  it('keeps a Distributed Map child workflow from reading the variables around it', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { secret: 1 }, Next: 'Each' },
        Each: {
          Type: 'Map',
          Items: [1],
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Read',
            States: { Read: { Type: 'Pass', Output: '{% $secret %}', End: true } },
          },
          End: true,
        },
      },
    };
    const { result } = await execute(definition, {});
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
  });

  it('applies the Choice state Assign whichever rule matches, the rule Assign winning', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Pick',
      States: {
        Pick: {
          Type: 'Choice',
          Assign: { route: 'default', seen: true },
          Choices: [{ Condition: '{% $states.input.ok %}', Assign: { route: 'ok' }, Next: 'Done' }],
          Default: 'Done',
        },
        Done: { Type: 'Pass', Output: '{% { "route": $route, "seen": $seen } %}', End: true },
      },
    };
    expect((await execute(definition, { ok: true })).result).toEqual({
      status: 'SUCCEEDED',
      output: { route: 'ok', seen: true },
    });
    expect((await execute(definition, { ok: false })).result).toEqual({
      status: 'SUCCEEDED',
      output: { route: 'default', seen: true },
    });
  });

  it('records assigned variables on the state exit event', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Set',
      States: { Set: { Type: 'Pass', Assign: { householdId: 'h-1' }, End: true } },
    };
    const { effects } = await execute(definition, {});
    const exited = effects.events.find((e) => e.type === 'PassStateExited');
    expect(exited?.details).toMatchObject({
      stateExitedEventDetails: { name: 'Set', assignedVariables: { householdId: '"h-1"' } },
    });
  });

  it('supports JSONPath Assign with `.$` keys and $variable references', async () => {
    const definition = {
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Result: { id: 'h-9' }, Assign: { 'household.$': '$.id' }, Next: 'Use' },
        Use: {
          Type: 'Pass',
          Parameters: { 'id.$': '$household', 'length.$': 'States.ArrayLength(States.Array($household))' },
          End: true,
        },
      },
    };
    const { result } = await execute(definition, {});
    expect(result).toEqual({ status: 'SUCCEEDED', output: { id: 'h-9', length: 1 } });
  });

  it('fails with States.QueryEvaluationError naming the field when an expression yields nothing', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Set',
      States: { Set: { Type: 'Pass', Output: { result: '{% $nothing %}' }, End: true } },
    };
    const { result } = await execute(definition, {});
    expect(result).toEqual({
      status: 'FAILED',
      error: 'States.QueryEvaluationError',
      cause:
        "An error occurred while executing the state 'Set' (entered at the event id #2). The JSONata expression '$nothing' specified for the field 'Output/result' returned nothing (undefined).",
    });
  });

  it('offers AWS functions $partition, $range, $hash, $parse, and journaled $uuid, $now and $millis', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Fns',
      States: {
        Fns: {
          Type: 'Pass',
          Output: {
            parts: '{% $partition([1, 2, 3], 2) %}',
            range: '{% $range(0, 6, 3) %}',
            hash: '{% $hash("abc", "SHA-256") %}',
            parsed: '{% $parse("{\\"a\\": [1]}") %}',
            id: '{% $uuid() %}',
            now: '{% $now() %}',
            day: "{% $now('[Y0001]-[M01]-[D01]') %}",
            millis: '{% $millis() %}',
          },
          End: true,
        },
      },
    };
    const { result } = await execute(definition, {}, { uuid: () => '11111111-1111-4111-8111-111111111111' });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: {
        parts: [[1, 2], [3]],
        range: [0, 3, 6],
        hash: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
        parsed: { a: [1] },
        id: '11111111-1111-4111-8111-111111111111',
        now: '2024-01-01T00:00:00.000Z',
        day: '2024-01-01',
        millis: Date.parse('2024-01-01T00:00:00Z'),
      },
    });
  });

  it('lets a workflow variable named like an AWS function win over it', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { hash: 'mine' }, Next: 'Use' },
        Use: {
          Type: 'Pass',
          Output: { variable: '{% $hash %}', other: '{% $partition([1, 2], 1) %}' },
          End: true,
        },
      },
    };
    const { result } = await execute(definition);
    expect(result).toEqual({ status: 'SUCCEEDED', output: { variable: 'mine', other: [[1], [2]] } });
  });
});
