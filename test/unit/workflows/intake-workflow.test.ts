import { describe, expect, it } from 'vitest';
import type { TaskRequest } from '#engine/contract.ts';
import { diagnostics, HOUSEHOLD_ID, OTHER_HOUSEHOLD_ID, runIntake, SUBSTITUTIONS } from './intake-harness.ts';

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
    expect(run.path).toEqual([
      'Start intake',
      'Load household',
      'Household received?',
      'Deduplicate',
      'Duplicate?',
      'Decide eligibility',
      'Eligibility outcome',
      'Kit dispatch configured?',
      'Start kit dispatch',
      'Eligible',
    ]);
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

  it('skips kit dispatch when the deployment has no kit-dispatch workflow', async () => {
    const run = await runIntake(
      { householdStatus: 'RECEIVED', eligibility: 'ELIGIBLE' },
      { substitutions: { ...SUBSTITUTIONS, KitDispatchStateMachineArn: '' } },
    );
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path.slice(-2)).toEqual(['Kit dispatch configured?', 'Eligible']);
    expect(run.tasks.some((task) => task.resource.includes('startExecution'))).toBe(false);
    expect(run.output).toEqual({
      householdId: HOUSEHOLD_ID,
      outcome: 'ELIGIBLE',
      kitDispatchExecutionArn: null,
    });
  });

  it('ends an ineligible household without dispatch', async () => {
    const run = await runIntake({ householdStatus: 'RECEIVED', eligibility: 'INELIGIBLE' });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path.at(-1)).toBe('Not eligible');
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
    expect(run.path).toContain('Wait for supervisor review');
    expect(run.path.slice(-4)).toEqual([
      'Supervisor decision',
      'Kit dispatch configured?',
      'Start kit dispatch',
      'Eligible',
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
    expect(run.path.slice(-2)).toEqual(['Supervisor decision', 'Not eligible']);
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
      ':gsi1sk': { S: `STATUS#REVIEW_EXPIRED#2026-06-01T07:59:00.000Z#${HOUSEHOLD_ID}` },
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
      'Supervisor decision',
      'Not eligible',
    ]);
  });

  it('links an exact repeat to the existing household without deciding eligibility', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      dedupe: { outcome: 'DUPLICATE', matchHouseholdId: OTHER_HOUSEHOLD_ID },
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path.slice(-2)).toEqual(['Duplicate?', 'Linked to existing household']);
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
    expect(run.path).toEqual(
      expect.arrayContaining([
        'Review possible duplicate',
        'Wait for supervisor review',
        'Decide eligibility',
      ]),
    );
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
    expect(run.path).not.toContain('Decide eligibility');
    expect(run.output).toMatchObject({ outcome: 'DUPLICATE', duplicateOf: OTHER_HOUSEHOLD_ID });
  });

  it('records a failed step on the household (state and error name only) and fails', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      failing: { function: 'decide-eligibility', error: 'Boom' },
    });
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('Intake.Failed');
    expect(run.cause).toBe('Step Decide eligibility failed with Boom.');
    expect(run.path.slice(-2)).toEqual(['Record failure', 'Intake failed']);
    const [update] = run.updates;
    // The status and listing key the failure interrupted are kept, for a restart to put back.
    expect(update?.['UpdateExpression']).toBe(
      'SET statusBeforeFailure = if_not_exists(statusBeforeFailure, #status), gsi1skBeforeFailure = if_not_exists(gsi1skBeforeFailure, gsi1sk), #status = :status, failure = :failure, updatedAt = :at, gsi1sk = :gsi1sk',
    );
    expect(update?.['ExpressionAttributeValues']).toEqual({
      ':status': { S: 'FAILED' },
      ':at': { S: expect.any(String) },
      ':failure': {
        M: { state: { S: 'Decide eligibility' }, error: { S: 'Boom' }, at: { S: expect.any(String) } },
      },
      ':gsi1sk': { S: `STATUS#FAILED#2026-06-01T07:59:00.000Z#${HOUSEHOLD_ID}` },
    });
    // A non-transient error is not retried.
    expect(run.tasks.filter((task) => task.stateName === 'Decide eligibility')).toHaveLength(1);
  });

  it('retries transient Lambda errors with backoff before recording the failure', async () => {
    const run = await runIntake({
      householdStatus: 'RECEIVED',
      failing: { function: 'deduplicate', error: 'Lambda.TooManyRequestsException' },
    });
    expect(run.tasks.filter((task) => task.stateName === 'Deduplicate')).toHaveLength(5);
    expect(run.sleeps).toHaveLength(4);
    expect(run.path.slice(-2)).toEqual(['Record failure', 'Intake failed']);
  });

  it('fails without touching anything when the household is not there', async () => {
    const run = await runIntake({ householdStatus: undefined });
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('Intake.HouseholdNotReceived');
    expect(lambdaPayloads(run)).toEqual([]);
    expect(run.updates).toEqual([]);
  });

  it('resumes a household whose previous run failed: restores its status, then goes on', async () => {
    const run = await runIntake({
      householdStatus: 'FAILED',
      statusBeforeFailure: 'REGISTERED',
      eligibility: 'INELIGIBLE',
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path.slice(0, 7)).toEqual([
      'Start intake',
      'Load household',
      'Household received?',
      'Clear previous failure',
      'Household received?',
      'Deduplicate',
      'Duplicate?',
    ]);
    const [clear] = run.updates;
    expect(clear?.['ConditionExpression']).toBe(
      '#status = :failed AND attribute_exists(statusBeforeFailure)',
    );
    expect(clear?.['UpdateExpression']).toBe(
      'SET #status = statusBeforeFailure, gsi1sk = gsi1skBeforeFailure, updatedAt = :at REMOVE statusBeforeFailure, gsi1skBeforeFailure, failure',
    );
    expect(run.output).toEqual({ householdId: HOUSEHOLD_ID, outcome: 'INELIGIBLE' });
  });

  it('does not process a household twice', async () => {
    const run = await runIntake({ householdStatus: 'ELIGIBLE' });
    expect(run.error).toBe('Intake.HouseholdNotReceived');
    expect(lambdaPayloads(run)).toEqual([]);
  });

  it('reads only identifiers and the status from the household item', async () => {
    const run = await runIntake({ householdStatus: 'RECEIVED' });
    const load = run.tasks.find((task) => task.stateName === 'Load household');
    expect(load?.parameters).toMatchObject({ ProjectionExpression: 'householdId, #status, createdAt' });
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
