import { describe, expect, it } from 'vitest';
import type { TaskRequest } from '#engine/contract.ts';
import {
  CREATED_AT,
  diagnostics,
  HOUSEHOLD_ID,
  OTHER_HOUSEHOLD_ID,
  runIntake,
  SUBSTITUTIONS,
} from './intake-harness.ts';

const HOURS = 3600;
const lambdaPayloads = (run: Awaited<ReturnType<typeof runIntake>>) =>
  run.tasks
    .filter((task) => task.resource.startsWith('arn:aws:states:::lambda:invoke'))
    .map((task) => (task.parameters as { Payload: Record<string, unknown> }).Payload);
const callbacks = (run: Awaited<ReturnType<typeof runIntake>>) =>
  run.tasks.filter((task) => task.resource.endsWith('.waitForTaskToken'));
const payloadOf = (task: TaskRequest | undefined) =>
  (task?.parameters as { Payload?: Record<string, unknown> } | undefined)?.Payload;

describe('intake workflow', () => {
  it('is a valid definition for the engine', () => {
    expect(diagnostics().filter((d) => d.severity === 'ERROR')).toEqual([]);
  });

  it('starts kit dispatch for an eligible household, named after the household', async () => {
    const run = await runIntake({ householdStatus: 'RECEIVED', eligibility: 'ELIGIBLE' });
    expect(run.status).toBe('SUCCEEDED');
    // Three states entered (billed transitions): the last Task ends the execution itself.
    expect(run.path).toEqual(['Screen household', 'Screening outcome', 'Start kit dispatch']);
    const start = run.tasks.find((task) => task.resource === 'arn:aws:states:::states:startExecution');
    expect(start?.parameters).toEqual({
      StateMachineArn: SUBSTITUTIONS.KitDispatchStateMachineArn,
      Name: HOUSEHOLD_ID,
      Input: {
        householdId: HOUSEHOLD_ID,
        AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: `arn:aws:states:eu-west-3:000000000000:execution:intake:${HOUSEHOLD_ID}`,
      },
    });
    expect(run.output).toEqual({
      householdId: HOUSEHOLD_ID,
      outcome: 'ELIGIBLE',
      kitDispatchExecutionArn: expect.stringContaining(`:execution:kit-dispatch:${HOUSEHOLD_ID}`),
    });
  });

  it('answers with the dispatch an earlier run of this intake started, without a second one', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      eligibility: 'ELIGIBLE',
      dispatchExists: true,
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path.slice(-2)).toEqual(['Start kit dispatch', 'Kit dispatch already started']);
    expect(run.output).toEqual({
      householdId: HOUSEHOLD_ID,
      outcome: 'ELIGIBLE',
      kitDispatchExecutionArn: `arn:aws:states:eu-west-3:000000000000:execution:kit-dispatch:${HOUSEHOLD_ID}`,
    });
  });

  it('ends an ineligible household without dispatch', async () => {
    const run = await runIntake({ householdStatus: 'RECEIVED', eligibility: 'INELIGIBLE' });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path).toEqual(['Screen household', 'Screening outcome', 'Not eligible']);
    expect(run.output).toEqual({ householdId: HOUSEHOLD_ID, outcome: 'INELIGIBLE' });
    expect(run.tasks.some((task) => task.resource.includes('startExecution'))).toBe(false);
  });

  it('waits for a supervisor on REVIEW and dispatches when the supervisor approves', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      eligibility: 'REVIEW',
      reviewAnswers: ['ELIGIBLE'],
      reviewOutcomes: ['ELIGIBLE'],
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path).toEqual([
      'Screen household',
      'Screening outcome',
      'Wait for supervisor review',
      'Record supervisor decision',
      'Screening outcome',
      'Start kit dispatch',
    ]);
    const [wait] = callbacks(run);
    expect(wait?.heartbeatSeconds).toBe(48 * HOURS);
    expect(wait?.timeoutSeconds).toBeGreaterThan(48 * HOURS);
    const payload = payloadOf(wait);
    expect(payload).toEqual({
      householdId: HOUSEHOLD_ID,
      kind: 'eligibility',
      candidateHouseholdId: null,
      taskToken: (wait?.context['Task'] as { Token?: string } | undefined)?.Token,
    });
    expect(payload?.['taskToken']).toEqual(expect.any(String));
    expect(lambdaPayloads(run).at(-1)).toEqual({ householdId: HOUSEHOLD_ID, kind: 'eligibility' });
  });

  it('ends ineligible when the supervisor rejects', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      eligibility: 'REVIEW',
      reviewAnswers: ['INELIGIBLE'],
      reviewOutcomes: ['INELIGIBLE'],
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path.slice(-3)).toEqual(['Record supervisor decision', 'Screening outcome', 'Not eligible']);
  });

  it('records a reminder after 48 hours and escalates after 7 days, then takes the decision', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      eligibility: 'REVIEW',
      reviewAnswers: ['States.HeartbeatTimeout', 'States.HeartbeatTimeout', 'ELIGIBLE'],
      reviewOutcomes: ['ELIGIBLE'],
    });
    expect(run.status).toBe('SUCCEEDED');
    const waits = callbacks(run);
    expect(waits.map((wait) => wait.stateName)).toEqual([
      'Wait for supervisor review',
      'Wait for review after reminder',
      'Wait for escalated review',
    ]);
    const [first, second] = waits.map((wait) => wait.heartbeatSeconds ?? 0);
    expect(first).toBe(48 * HOURS);
    expect((first ?? 0) + (second ?? 0)).toBe(7 * 24 * HOURS);
    for (const wait of waits) expect(wait.timeoutSeconds).toBeGreaterThan(wait.heartbeatSeconds ?? 0);
    expect(run.updates.map((update) => update['UpdateExpression'])).toEqual([
      'SET reminderCount = if_not_exists(reminderCount, :zero) + :one, remindedAt = :at',
      'SET escalatedAt = :at, escalated = :yes',
    ]);
    for (const update of run.updates) {
      expect(update['Key']).toEqual({ pk: { S: `HH#${HOUSEHOLD_ID}` }, sk: { S: 'REVIEW#eligibility' } });
    }
    // Each wait hands the review Lambda its own token, which replaces the previous one.
    const tokens = waits.map(
      (wait) => (wait.parameters as { Payload: { taskToken: string } }).Payload.taskToken,
    );
    expect(new Set(tokens).size).toBe(3);
  });

  it('expires the review and marks the household when nobody decides', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      eligibility: 'REVIEW',
      reviewAnswers: ['States.HeartbeatTimeout', 'States.HeartbeatTimeout', 'States.HeartbeatTimeout'],
    });
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('Intake.ReviewExpired');
    expect(run.path.slice(-3)).toEqual(['Expire review', 'Record review expired', 'Review expired']);
    const [, , expire, household] = run.updates;
    expect(expire?.['ConditionExpression']).toBe('#status = :pending');
    expect(expire?.['ExpressionAttributeValues']).toMatchObject({ ':expired': { S: 'EXPIRED' } });
    expect(household?.['Key']).toEqual({ pk: { S: `HH#${HOUSEHOLD_ID}` }, sk: { S: 'PROFILE' } });
    expect(household?.['ExpressionAttributeValues']).toMatchObject({
      ':status': { S: 'REVIEW_EXPIRED' },
      ':gsi1sk': { S: `STATUS#REVIEW_EXPIRED#${CREATED_AT}#${HOUSEHOLD_ID}` },
    });
  });

  it('takes a decision that arrives as the review expires instead of expiring it', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      eligibility: 'REVIEW',
      reviewAnswers: ['States.HeartbeatTimeout', 'States.HeartbeatTimeout', 'States.HeartbeatTimeout'],
      reviewOutcomes: ['INELIGIBLE'],
      decidedAtExpiry: true,
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path.slice(-4)).toEqual([
      'Expire review',
      'Record supervisor decision',
      'Screening outcome',
      'Not eligible',
    ]);
  });

  it('links an exact repeat to the existing household without deciding eligibility', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      dedupe: { outcome: 'DUPLICATE', matchHouseholdId: OTHER_HOUSEHOLD_ID },
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path).toEqual(['Screen household', 'Screening outcome', 'Linked to existing household']);
    expect(run.output).toEqual({
      householdId: HOUSEHOLD_ID,
      outcome: 'DUPLICATE',
      duplicateOf: OTHER_HOUSEHOLD_ID,
    });
    expect(lambdaPayloads(run)).toEqual([{ householdId: HOUSEHOLD_ID }]);
  });

  it('asks a supervisor about a near duplicate and decides eligibility once told it is distinct', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      dedupe: { outcome: 'NEAR_MATCH', matchHouseholdId: OTHER_HOUSEHOLD_ID },
      eligibility: 'INELIGIBLE',
      reviewAnswers: ['NOT_DUPLICATE'],
      reviewOutcomes: ['NOT_DUPLICATE'],
    });
    expect(run.status).toBe('SUCCEEDED');
    // The ruling "not a duplicate" goes on to eligibility in the same Lambda.
    expect(run.path).toEqual([
      'Screen household',
      'Screening outcome',
      'Wait for supervisor review',
      'Record supervisor decision',
      'Screening outcome',
      'Not eligible',
    ]);
    const payload = payloadOf(callbacks(run)[0]);
    expect(payload).toMatchObject({ kind: 'duplicate', candidateHouseholdId: OTHER_HOUSEHOLD_ID });
    expect(run.output).toEqual({ householdId: HOUSEHOLD_ID, outcome: 'INELIGIBLE' });
  });

  it('links a near duplicate the supervisor confirms as a duplicate', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      dedupe: { outcome: 'NEAR_MATCH', matchHouseholdId: OTHER_HOUSEHOLD_ID },
      reviewAnswers: ['DUPLICATE'],
      reviewOutcomes: ['DUPLICATE'],
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path.at(-1)).toBe('Linked to existing household');
    expect(run.output).toMatchObject({ outcome: 'DUPLICATE', duplicateOf: OTHER_HOUSEHOLD_ID });
  });

  it('fails at the failing step, uncaught, so a redrive re-runs it (the mark is the status-change event’s)', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      failing: { function: 'screen-household', error: 'Boom' },
    });
    expect(run.status).toBe('FAILED');
    // The step's own error ends the execution: no Catch path, no Fail state, nothing written.
    expect(run.error).toBe('Boom');
    expect(run.path).toEqual(['Screen household']);
    expect(run.updates).toEqual([]);
    // A non-transient error is not retried.
    expect(run.tasks.filter((task) => task.stateName === 'Screen household')).toHaveLength(1);
  });

  it('fails at a later step the same way, with what succeeded before kept', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      eligibility: 'REVIEW',
      reviewAnswers: ['ELIGIBLE'],
      reviewOutcomes: ['ELIGIBLE'],
      failing: { function: 'record-review-decision', error: 'ReviewNotDecidedError' },
    });
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('ReviewNotDecidedError');
    expect(run.path.at(-1)).toBe('Record supervisor decision');
    expect(run.updates).toEqual([]);
  });

  it('ends an outcome it does not know in a Fail state of its own', async () => {
    const run = await runIntake({ householdStatus: 'RECEIVED', eligibility: 'MAYBE' });
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('Intake.UnexpectedOutcome');
    expect(run.cause).toBe('The screening answered an outcome this workflow does not know.');
    expect(run.path).toEqual(['Screen household', 'Screening outcome', 'Unexpected outcome']);
  });

  it('retries transient Lambda errors with backoff, then fails at the step', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      failing: { function: 'screen-household', error: 'Lambda.TooManyRequestsException' },
    });
    expect(run.tasks.filter((task) => task.stateName === 'Screen household')).toHaveLength(5);
    expect(run.sleeps).toHaveLength(4);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('Lambda.TooManyRequestsException');
    expect(run.path).toEqual(['Screen household']);
  });

  it('fails without touching anything when the household is not there', async () => {
    const run = await runIntake({ householdStatus: undefined });
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('Intake.HouseholdNotReceived');
    expect(run.path).toEqual(['Screen household', 'Screening outcome', 'Household not found']);
    expect(lambdaPayloads(run)).toEqual([{ householdId: HOUSEHOLD_ID }]);
    expect(run.updates).toEqual([]);
  });

  it('does not process a household twice', async () => {
    const run = await runIntake({ householdStatus: 'ELIGIBLE' });
    expect(run.error).toBe('Intake.HouseholdNotReceived');
    expect(run.tasks.some((task) => task.resource.includes('startExecution'))).toBe(false);
  });

  it('passes identifiers only to its Lambdas', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      dedupe: { outcome: 'NEAR_MATCH', matchHouseholdId: OTHER_HOUSEHOLD_ID },
      eligibility: 'REVIEW',
      reviewAnswers: ['NOT_DUPLICATE', 'ELIGIBLE'],
      reviewOutcomes: ['NOT_DUPLICATE', 'ELIGIBLE'],
    });
    expect(run.status).toBe('SUCCEEDED');
    const keys = new Set(lambdaPayloads(run).flatMap((payload) => Object.keys(payload)));
    expect([...keys].sort()).toEqual(['candidateHouseholdId', 'householdId', 'kind', 'taskToken']);
  });
});
