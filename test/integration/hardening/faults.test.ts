/**
 * Faults through the local runtime's fault-injection switch (`/_local/faults`): the intake
 * workflow retries a throttled function under its Retry policy (exponential backoff with full jitter; the history shows each attempt), ends in
 * its Catch path with the household marked FAILED when the fault outlasts the retries. A redrive
 * does not undo a caught failure (see the second test); the workflow is built to be started
 * again instead, which test/integration/intake/failure.test.ts covers.
 */
import { randomUUID } from 'node:crypto';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  RedriveExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { cloudClients, eventually } from '../cloud/cloud-clients.ts';
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

const ended = (executionArn: string) =>
  eventually<DescribeExecutionCommandOutput>(async () => {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return described.status === 'RUNNING' ? undefined : described;
  }, 90_000);

async function historyOf(executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

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

  it('ends in the Catch path with the household marked FAILED; a redrive keeps that deliberate ending', async () => {
    await setFault({ kind: 'throttle' });
    const { householdId, executionArn } = await register();
    const failed = await ended(executionArn);
    expect(failed.status).toBe('FAILED');
    // One attempt and the four retries of the policy, then the Catch.
    expect(throttledAttempts(await historyOf(executionArn))).toHaveLength(5);
    const marked = await householdStatus(householdId);
    expect(marked.status).toBe('FAILED');
    expect(marked.failure).toMatchObject({ state: 'Screen household', error: THROTTLED });

    // Redrive re-runs only failures that ended a branch; here the Catch handled the failure and
    // the execution ended in its Fail state on purpose, so a redrive ends the same way and does not
    // call the step again. Recovery after a Catch is a new execution, whose screening puts back the
    // status the failure interrupted.
    await clearFaults();
    await sfn.send(new RedriveExecutionCommand({ executionArn, clientToken: randomUUID() }));
    const redriven = await eventually(async () => {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return described.status !== 'RUNNING' && (described.redriveCount ?? 0) > 0 ? described : undefined;
    }, 60_000);
    expect(redriven.status).toBe('FAILED');
    expect((await householdStatus(householdId)).status).toBe('FAILED');
  });
});
