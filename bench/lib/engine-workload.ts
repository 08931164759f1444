/**
 * The engine benchmark's workload (issue #3): a 10-state workflow (Pass, Choice, Task) with four
 * in-process task handlers and its inputs. bench/engine.ts runs it on the durable engine and on
 * aws-local-stepfunctions; bench/interpreter-hot-path.ts on the interpreter alone.
 */
export const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

export type Household = { householdId: string; members: number; score?: number };

export const handlers: Record<string, (input: unknown) => unknown> = {
  validate: (input) => ({ valid: (input as Household).members > 0 }),
  enrich: (input) => ({ region: 'Mopti', members: (input as Household).members }),
  score: (input) => ({ score: (input as { members: number }).members * 7 }),
  record: (input) => ({ recorded: (input as Household).householdId }),
};

export const definition = {
  Comment: '10 states: Pass, Choice, Task',
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Result: 'intake', ResultPath: '$.source', Next: 'Validate' },
    Validate: { Type: 'Task', Resource: fn('validate'), ResultPath: '$.validation', Next: 'Is valid' },
    'Is valid': {
      Type: 'Choice',
      Choices: [{ Variable: '$.validation.valid', BooleanEquals: true, Next: 'Enrich' }],
      Default: 'Rejected',
    },
    Enrich: { Type: 'Task', Resource: fn('enrich'), ResultPath: '$.profile', Next: 'Score' },
    Score: {
      Type: 'Task',
      Resource: fn('score'),
      InputPath: '$.profile',
      ResultPath: '$.score',
      Next: 'Priority',
    },
    Priority: {
      Type: 'Choice',
      Choices: [{ Variable: '$.score.score', NumericGreaterThanEquals: 21, Next: 'High priority' }],
      Default: 'Normal priority',
    },
    'High priority': { Type: 'Pass', Result: 'HIGH', ResultPath: '$.priority', Next: 'Record' },
    'Normal priority': { Type: 'Pass', Result: 'NORMAL', ResultPath: '$.priority', Next: 'Record' },
    Record: { Type: 'Task', Resource: fn('record'), ResultPath: '$.recorded', End: true },
    Rejected: { Type: 'Fail', Error: 'Intake.Invalid', Cause: 'No members' },
  },
};

export const inputOf = (index: number): Household => ({
  householdId: `h-${index}`,
  members: (index % 6) + 1,
});

/** The `$$.Execution` of bench execution `index` when the interpreter runs without the runtime. */
export const benchExecution = (index: number, input: unknown) => ({
  Id: `e${index}`,
  Name: `e${index}`,
  RoleArn: 'r',
  StartTime: '',
  RedriveCount: 0,
  Input: input,
});
