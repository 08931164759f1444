import { readFileSync } from 'node:fs';
import type { TaskOutcome, TaskRequest } from '#engine/contract.ts';
import { runExecution, validateDefinition } from '#engine/interpreter/index.ts';
import { createMemoryEffects, type RecordedEvent } from '#engine/memory-effects.ts';

/** The substitutions the service stack supplies, with recognisable fake ARNs. */
export const SUBSTITUTIONS = {
  RegistryTableName: 'registry-table',
  ScreenHouseholdFunctionArn: 'arn:aws:lambda:eu-west-3:000000000000:function:screen-household',
  RequestReviewFunctionArn: 'arn:aws:lambda:eu-west-3:000000000000:function:request-review',
  RecordReviewDecisionFunctionArn: 'arn:aws:lambda:eu-west-3:000000000000:function:record-review-decision',
  KitDispatchStateMachineArn: 'arn:aws:states:eu-west-3:000000000000:stateMachine:kit-dispatch',
};

/** Reads workflows/intake.asl.json and applies substitutions as CloudFormation does. */
export function intakeDefinition(
  substitutions: Record<string, string> = SUBSTITUTIONS,
): Record<string, unknown> {
  const text = readFileSync(new URL('../../../workflows/intake.asl.json', import.meta.url), 'utf8');
  const substituted = text.replace(
    /\$\{([A-Za-z0-9_]+)\}/g,
    (whole, name: string) => substitutions[name] ?? whole,
  );
  return JSON.parse(substituted) as Record<string, unknown>;
}

export const HOUSEHOLD_ID = '01JD3Q4Z5X6Y7W8V9T0S1R2Q3P';
export const OTHER_HOUSEHOLD_ID = '01JD3Q4Z5X6Y7W8V9T0S1R2Q4A';

/**
 * What the stubbed world answers; each callback answer is used once, in order. The screening and
 * review Lambdas answer as functions/intake/screening.ts composes its steps (tested on its own).
 */
export interface Scenario {
  /** undefined: the household is not in the table. */
  householdStatus?: string | undefined;
  dedupe?: { outcome: string; matchHouseholdId: string | null };
  eligibility?: string;
  /** Answers of successive supervisor waits: a decision, or a timeout. */
  reviewAnswers?: ('ELIGIBLE' | 'INELIGIBLE' | 'DUPLICATE' | 'NOT_DUPLICATE' | 'States.HeartbeatTimeout')[];
  /** Decision the record-review Lambda applies for each review (NOT_DUPLICATE goes on to eligibility). */
  reviewOutcomes?: string[];
  /** The supervisor decides just as the review expires (the expiry's condition fails). */
  decidedAtExpiry?: boolean;
  /** Lambda function name (last ARN part) that fails with this error on every attempt. */
  failing?: { function: string; error: string };
  /** The kit dispatch named after the household has already run (an earlier intake started it). */
  dispatchExists?: boolean;
}

export const CREATED_AT = '2026-06-01T07:59:00.000Z';
const SCREENABLE = ['RECEIVED', 'REGISTERED', 'PENDING_REVIEW'];

export interface Run {
  status: string;
  output?: unknown;
  error?: string | undefined;
  cause?: string | undefined;
  /** Every task request, in order. */
  tasks: TaskRequest[];
  events: RecordedEvent[];
  /** Names of the states entered, in order. */
  path: string[];
  /** Arguments of each DynamoDB updateItem. */
  updates: Record<string, unknown>[];
  sleeps: { from: Date; until: Date }[];
}

const ok = (output: unknown): TaskOutcome => ({ ok: true, output });
const functionOf = (request: TaskRequest) =>
  String((request.parameters as { FunctionName: string }).FunctionName)
    .split(':')
    .at(-1);

/** Runs the intake workflow in memory, its tasks answered from the scenario. */
export async function runIntake(
  scenario: Scenario,
  options: { substitutions?: Record<string, string> } = {},
): Promise<Run> {
  const tasks: TaskRequest[] = [];
  const updates: Record<string, unknown>[] = [];
  const answers = [...(scenario.reviewAnswers ?? [])];
  const reviewOutcomes = [...(scenario.reviewOutcomes ?? [])];

  const invoke = (request: TaskRequest): TaskOutcome => {
    const fn = functionOf(request);
    const failing = scenario.failing;
    if (failing && failing.function === fn) return { ok: false, error: failing.error, cause: 'stub' };
    const payload = (request.parameters as { Payload: Record<string, unknown> }).Payload;
    const answer = (body: Record<string, unknown>) =>
      ok({ StatusCode: 200, Payload: { householdId: payload['householdId'], ...body } });
    const eligibility = () => {
      const outcome = scenario.eligibility ?? 'ELIGIBLE';
      return { outcome, reviewKind: outcome === 'REVIEW' ? 'eligibility' : null };
    };
    if (fn === 'screen-household') {
      const status = scenario.householdStatus;
      if (status === undefined || !SCREENABLE.includes(status))
        return answer({ outcome: 'NOT_RECEIVED', reviewKind: null, matchHouseholdId: null, createdAt: null });
      const dedupe = scenario.dedupe ?? { outcome: 'UNIQUE', matchHouseholdId: null };
      const screened = { matchHouseholdId: dedupe.matchHouseholdId, createdAt: CREATED_AT };
      if (dedupe.outcome === 'DUPLICATE')
        return answer({ ...screened, outcome: 'DUPLICATE', reviewKind: null });
      if (dedupe.outcome === 'NEAR_MATCH')
        return answer({ ...screened, outcome: 'REVIEW', reviewKind: 'duplicate' });
      return answer({ ...screened, ...eligibility() });
    }
    if (fn === 'record-review-decision') {
      const decision = reviewOutcomes.shift() ?? 'NONE';
      return answer(decision === 'NOT_DUPLICATE' ? eligibility() : { outcome: decision, reviewKind: null });
    }
    return { ok: false, error: 'States.TaskFailed', cause: `no stub for ${fn}` };
  };

  const effects = createMemoryEffects({
    startTime: new Date('2026-06-01T08:00:00Z'),
    tasks: {
      'arn:aws:states:::dynamodb:updateItem': (request) => {
        const update = request.parameters as Record<string, unknown>;
        updates.push(update);
        if (scenario.decidedAtExpiry && update['ConditionExpression'] === '#status = :pending') {
          return { ok: false, error: 'DynamoDB.ConditionalCheckFailedException', cause: 'decided meanwhile' };
        }
        return ok({});
      },
      'arn:aws:states:::lambda:invoke': invoke,
      'arn:aws:states:::lambda:invoke.waitForTaskToken': () => {
        const answer = answers.shift();
        if (answer === undefined) return { ok: false, error: 'States.Timeout', cause: 'no answer scripted' };
        if (answer === 'States.HeartbeatTimeout') return { ok: false, error: answer };
        return ok({ decision: answer });
      },
      'arn:aws:states:::states:startExecution': () =>
        scenario.dispatchExists
          ? { ok: false, error: 'SFN.ExecutionAlreadyExistsException', cause: 'ended' }
          : ok({
              ExecutionArn: `${SUBSTITUTIONS.KitDispatchStateMachineArn.replace(':stateMachine:', ':execution:')}:${HOUSEHOLD_ID}`,
              StartDate: '2026-06-01T08:00:01Z',
            }),
    },
  });
  const recordTasks = effects.runTask.bind(effects);
  effects.runTask = (key, request) => {
    tasks.push(request);
    return recordTasks(key, request);
  };

  const definition = intakeDefinition(options.substitutions);
  const result = await runExecution({
    definition,
    input: { householdId: HOUSEHOLD_ID },
    execution: {
      Id: `arn:aws:states:eu-west-3:000000000000:execution:intake:${HOUSEHOLD_ID}`,
      Name: HOUSEHOLD_ID,
      RoleArn: 'arn:aws:iam::000000000000:role/intake',
      StartTime: '2026-06-01T08:00:00Z',
      RedriveCount: 0,
      Input: { householdId: HOUSEHOLD_ID },
    },
    stateMachine: { Id: 'arn:aws:states:eu-west-3:000000000000:stateMachine:intake', Name: 'intake' },
    effects,
  });
  const path = effects.events
    .filter((event) => event.type.endsWith('StateEntered'))
    .map((event) => String((event.details['stateEnteredEventDetails'] as { name: string }).name));
  return {
    status: result.status,
    ...(result.status === 'SUCCEEDED' ? { output: result.output } : {}),
    ...(result.status === 'FAILED' ? { error: result.error, cause: result.cause } : {}),
    tasks,
    events: effects.events,
    path,
    updates,
    sleeps: effects.sleeps,
  };
}

/** Static diagnostics of the definition, as CreateStateMachine would report them. */
export const diagnostics = () => validateDefinition(intakeDefinition());
