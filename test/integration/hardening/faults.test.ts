/**
 * Faults through the local runtime's fault-injection switch (`/_local/faults`): the intake
 * workflow retries a throttled function under its Retry policy (exponential backoff with full
 * jitter; the history shows each attempt). When the fault outlasts the retries the execution
 * fails at that step, uncaught; its status-change event reaches the workflow-failures function
 * through the template's EventBridge rule, which marks the household FAILED with the state and
 * error name. Once the fault is gone, RedriveExecution re-runs the step and the intake finishes;
 * the redrive's own status-change event clears the mark.
 */
import { randomUUID } from 'node:crypto';
import { DescribeExecutionCommand, type HistoryEvent, RedriveExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { cloudClients, eventually } from '../cloud/cloud-clients.ts';
import { executionEnded, executionHistory } from '../cloud/executions.ts';
import { appCloud, type Caller, hardeningApi } from './hardening-api.ts';

const app = appCloud();
const call = hardeningApi(app);
const { sfn } = cloudClients(app.endpoints);
const screening = app.functionNames.find((name) => name.includes('FnIntakeScreenHousehold'));
const INTAKE: Caller = { name: 'faults-intake', token: 'valid', role: 'intake' };
const SUPERVISOR: Caller = { name: 'faults-supervisor', token: 'valid', role: 'supervisor' };
const THROTTLED = 'Lambda.TooManyRequestsException';

const setFault = (fault: unknown) =>
  fetch(`${app.endpoints.api}/_local/faults/${screening}`, { method: 'PUT', body: JSON.stringify(fault) });
const clearFaults = () => fetch(`${app.endpoints.api}/_local/faults`, { method: 'DELETE' });

function uniqueHousehold() {
  const command = aHouseholdCommand();
  const letters = randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 10)
    .padEnd(6, 'e');
  command.headOfHousehold.givenName = `Oumou${letters}`;
  command.headOfHousehold.familyName = `Sangare${letters}`;
  return { ...command, location: { ...command.location, site: 'SITE-HM-FAULTS' } };
}

async function register() {
  const accepted = await call<{ householdId: string; executionArn: string }>(INTAKE, 'POST', '/households', {
    body: uniqueHousehold(),
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(accepted.status, accepted.text).toBe(202);
  return accepted.body;
}

const ended = (executionArn: string) => executionEnded(sfn, executionArn, 90_000);
const historyOf = (executionArn: string) => executionHistory(sfn, executionArn);

const throttledAttempts = (events: HistoryEvent[]) =>
  events.filter((event) => event.type === 'TaskFailed' && event.taskFailedEventDetails?.error === THROTTLED);

const householdStatus = async (householdId: string) => {
  const page = await call<{ household: { status: string; failure?: { state?: string; error?: string } } }>(
    SUPERVISOR,
    'GET',
    `/households/${householdId}`,
  );
  return page.body.household;
};

describe('faults in the intake workflow (local runtime, fault injection)', () => {
  afterAll(clearFaults);

  it('retries a throttled step, each attempt in the history, and goes on once it answers', async () => {
    expect(screening).toBeDefined();
    expect((await setFault({ kind: 'throttle', times: 3 })).ok).toBe(true);
    const { householdId, executionArn } = await register();
    const execution = await ended(executionArn);
    expect(execution.status).toBe('SUCCEEDED');

    const events = await historyOf(executionArn);
    const failures = throttledAttempts(events);
    expect(failures).toHaveLength(3);
    // The first attempt and three retries were scheduled, then the step answered.
    const scheduled = events.filter((event) => event.type === 'TaskScheduled');
    expect(scheduled.length).toBeGreaterThanOrEqual(4);
    expect((await householdStatus(householdId)).status).not.toBe('FAILED');
  });

  it('fails at the step with the household marked FAILED; once the fault is gone a redrive finishes the intake', async () => {
    await setFault({ kind: 'throttle' });
    const { householdId, executionArn } = await register();
    const failed = await ended(executionArn);
    expect(failed).toMatchObject({ status: 'FAILED', error: THROTTLED, redriveStatus: 'REDRIVABLE' });
    const events = await historyOf(executionArn);
    // One attempt and the four retries of the policy; no Catch path: the step's failure ends it.
    expect(throttledAttempts(events)).toHaveLength(5);
    expect(
      events
        .filter((event) => event.type?.endsWith('StateEntered'))
        .map((event) => event.stateEnteredEventDetails?.name),
    ).toEqual(['Screen household']);
    // The mark arrives asynchronously (EventBridge → Lambda), as on AWS.
    const marked = await eventually(async () => {
      const household = await householdStatus(householdId);
      return household.status === 'FAILED' ? household : undefined;
    }, 30_000);
    expect(marked.failure).toMatchObject({ state: 'Screen household', error: THROTTLED, executionArn });

    await clearFaults();
    await sfn.send(new RedriveExecutionCommand({ executionArn, clientToken: randomUUID() }));
    const redriven = await eventually(async () => {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return described.status !== 'RUNNING' && (described.redriveCount ?? 0) > 0 ? described : undefined;
    }, 90_000);
    expect(redriven).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    // The redrive re-ran the failed step only: its successful attempt follows the five failed ones.
    expect(throttledAttempts(await historyOf(executionArn))).toHaveLength(5);
    const settled = await eventually(async () => {
      const household = await householdStatus(householdId);
      return household.status !== 'FAILED' && household.failure === undefined ? household : undefined;
    }, 30_000);
    // Both the mark and its removal are in the household's audit trail, the workflow as the actor.
    const trail = await eventually(async () => {
      const answer = await call<{
        items: { action: string; actor: string; relatedIds?: Record<string, string> }[];
      }>(SUPERVISOR, 'GET', `/audit?entityType=household&entityId=${householdId}`);
      const actions = answer.body.items.map((item) => item.action);
      return actions.includes('household.workflow-failure:cleared') ? answer.body.items : undefined;
    }, 30_000);
    const marks = trail.filter((item) => item.action.startsWith('household.workflow-failure:'));
    expect(marks.map((item) => item.action).sort()).toEqual([
      'household.workflow-failure:cleared',
      'household.workflow-failure:marked',
    ]);
    // Marked by the workflow-failures function; cleared by it or by the re-run screening, whichever
    // came first (the other found nothing to clear).
    const marking = marks.find((item) => item.action === 'household.workflow-failure:marked');
    expect(marking).toMatchObject({
      relatedIds: { executionArn },
      actor: expect.stringMatching(/^workflow:/),
    });
    expect(settled.status).toBe(JSON.parse(redriven.output ?? '{}').outcome);
    expect(['ELIGIBLE', 'INELIGIBLE', 'PENDING_REVIEW']).toContain(settled.status);
  });
});
