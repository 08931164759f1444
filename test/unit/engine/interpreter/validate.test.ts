import { describe, expect, it } from 'vitest';
import { invalidDefinitionMessage, validateDefinition } from '#engine/interpreter/validate.ts';
import { loadCorpus } from '../../../conformance/corpus.ts';

const codes = (definition: unknown) => validateDefinition(definition).map((d) => `${d.code} ${d.location}`);

describe('validateDefinition', () => {
  it('accepts every definition AWS accepted in the conformance corpus', () => {
    const rejected = loadCorpus()
      .map((testCase) => ({ name: testCase.name, errors: validateDefinition(testCase.definition) }))
      .filter((entry) => entry.errors.some((d) => d.severity === 'ERROR'));
    expect(rejected).toEqual([]);
  });

  it('reports a StartAt or Next that names no state', () => {
    expect(codes({ StartAt: 'Nope', States: { A: { Type: 'Pass', Next: 'B' } } })).toEqual([
      'MISSING_TRANSITION_TARGET /StartAt',
      'MISSING_TRANSITION_TARGET /States/A/Next',
    ]);
    expect(codes({ StartAt: 'A', States: { A: { Type: 'Succeed' }, B: { Type: 'Succeed' } } })).toEqual([
      'UNREACHABLE_STATE /States/B',
    ]);
  });

  it('requires exactly one of Next or End on non-terminal states, and neither on Succeed', () => {
    expect(codes({ StartAt: 'A', States: { A: { Type: 'Pass' } } })).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/A',
    ]);
    expect(codes({ StartAt: 'A', States: { A: { Type: 'Succeed', End: true } } })).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/A',
    ]);
  });

  it('refuses JSONPath fields in JSONata states and JSONPath states under a JSONata machine', () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Parameters: { x: 1 }, Next: 'B' },
        B: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true },
      },
    };
    expect(codes(definition)).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/A/Parameters',
      'SCHEMA_VALIDATION_FAILED /States/B/QueryLanguage',
    ]);
  });

  it('checks nested branches, Catch targets, States.ALL placement and JSONata syntax', () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'X', States: { X: { Type: 'Pass', Output: '{% $states.input. %}', End: true } } },
          ],
          Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['Other'] }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Gone' }],
          End: true,
        },
      },
    };
    expect(codes(definition)).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/Fan/Branches[0]/States/X/Output',
      'SCHEMA_VALIDATION_FAILED /States/Fan/Retry[0]/ErrorEquals',
      'MISSING_TRANSITION_TARGET /States/Fan/Catch[0]/Next',
    ]);
  });

  it('reports fields a state type does not support', () => {
    expect(codes({ StartAt: 'A', States: { A: { Type: 'Pass', Resource: 'x', End: true } } })).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/A/Resource',
    ]);
  });

  it('requires JSONPath fields to hold paths and `.$` keys to hold paths or intrinsic calls', () => {
    const definition = {
      StartAt: 'A',
      States: {
        A: {
          Type: 'Pass',
          InputPath: 'input',
          ResultPath: '$.items[*]',
          Parameters: { 'x.$': 'nope' },
          End: true,
        },
      },
    };
    expect(codes(definition)).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/A/Parameters/x.$',
      'SCHEMA_VALIDATION_FAILED /States/A/InputPath',
      'SCHEMA_VALIDATION_FAILED /States/A/ResultPath',
    ]);
  });

  it('checks retrier bounds and that the heartbeat is shorter than the timeout', () => {
    const definition = {
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          TimeoutSeconds: 60,
          HeartbeatSeconds: 60,
          Retry: [
            {
              ErrorEquals: ['X'],
              IntervalSeconds: 0,
              BackoffRate: 0.5,
              MaxAttempts: -1,
              JitterStrategy: 'HALF',
            },
          ],
          End: true,
        },
      },
    };
    expect(codes(definition)).toEqual([
      'SCHEMA_VALIDATION_FAILED /States/Call/HeartbeatSeconds',
      'SCHEMA_VALIDATION_FAILED /States/Call/Retry[0]/IntervalSeconds',
      'SCHEMA_VALIDATION_FAILED /States/Call/Retry[0]/MaxAttempts',
      'SCHEMA_VALIDATION_FAILED /States/Call/Retry[0]/BackoffRate',
      'SCHEMA_VALIDATION_FAILED /States/Call/Retry[0]/JitterStrategy',
    ]);
  });

  it('words the InvalidDefinition message as CreateStateMachine does', () => {
    const diagnostics = validateDefinition({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } });
    expect(invalidDefinitionMessage(diagnostics)).toBe(
      "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next'",
    );
  });
});
