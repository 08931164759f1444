/**
 * DynamoDB throttling through the local runtime's fault switch (`PUT /_local/faults/dynamodb`):
 * the functions' and the engine's DynamoDB requests pass a proxy that answers matching ones as a
 * throttled DynamoDB does. A short throttle is absorbed by the SDK's own retries; a longer one
 * reaches the workflow, whose Retry policies (exponential backoff, full jitter) take it: each
 * attempt is in the execution history; past the policy the execution fails at the step, and a
 * redrive re-runs it once DynamoDB answers. Faults carry `contains` (the household's site, or its key)
 * so they touch this file's requests only, not those of executions other files left running.
 * State names are read from the history, not assumed.
 */
import { randomUUID } from 'node:crypto';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
  RedriveExecutionCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { cloudClients, eventually } from '../cloud/cloud-clients.ts';
import { executionEnded, executionHistory } from '../cloud/executions.ts';
import { appCloud, type Caller, hardeningApi } from './hardening-api.ts';

const app = appCloud();
const call = hardeningApi(app);
const { sfn } = cloudClients(app.endpoints);
const faultsUrl = `${app.endpoints.api}/_local/faults`;
const INTAKE: Caller = { name: 'ddb-faults-intake', token: 'valid', role: 'intake' };
const SUPERVISOR: Caller = { name: 'ddb-faults-supervisor', token: 'valid', role: 'supervisor' };
/** The registry's logical id (a substring of its local name too). */
const REGISTRY = 'RegistryTable';
const WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem'];

interface DynamoDbFaultState {
  remaining: number | null;
  throttled: number;
}

const setDynamoDbFault = (fault: unknown) =>
  fetch(`${faultsUrl}/dynamodb`, { method: 'PUT', body: JSON.stringify(fault) });
const dynamodbFaults = async () =>
  ((await (await fetch(`${faultsUrl}/dynamodb`)).json()) as { dynamodb: DynamoDbFaultState[] }).dynamodb;

function uniqueHousehold(site: string) {
  const command = aHouseholdCommand();
  const letters = randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 10)
    .padEnd(6, 'e');
  command.headOfHousehold.givenName = `Mariam${letters}`;
  command.headOfHousehold.familyName = `Coulibaly${letters}`;
  return { ...command, location: { ...command.location, site } };
}

const ended = (executionArn: string) => executionEnded(sfn, executionArn, 180_000);
const historyOf = (executionArn: string) => executionHistory(sfn, executionArn);

interface TaskEvent {
  state: string;
  type: string;
  resourceType?: string;
  error?: string;
}

/** The task events of a linear execution, each with the state it belongs to (the last one entered). */
function taskEvents(events: HistoryEvent[]): TaskEvent[] {
  let state = '';
  const tasks: TaskEvent[] = [];
  for (const event of events) {
    if (event.type === 'TaskStateEntered') state = event.stateEnteredEventDetails?.name ?? '';
    const details =
      event.taskScheduledEventDetails ?? event.taskFailedEventDetails ?? event.taskSucceededEventDetails;
    if (!details || !event.type) continue;
    tasks.push({
      state,
      type: event.type,
      ...(details.resourceType ? { resourceType: details.resourceType } : {}),
      ...(event.taskFailedEventDetails?.error ? { error: event.taskFailedEventDetails.error } : {}),
    });
  }
  return tasks;
}

afterEach(async () => {
  await fetch(faultsUrl, { method: 'DELETE' });
});

describe('DynamoDB throttling in the workflows (local runtime, fault injection)', () => {
  it('absorbs a short throttle of the registry’s writes: the intake succeeds and the household settles', async () => {
    const site = `SITE-DDB-${randomUUID().slice(0, 8)}`;
    const set = await setDynamoDbFault({
      kind: 'throttle',
      table: REGISTRY,
      operations: WRITES,
      contains: site,
      times: 2,
    });
    expect(set.status).toBe(200);

    const accepted = await call<{ householdId: string; executionArn: string }>(
      INTAKE,
      'POST',
      '/households',
      {
        body: uniqueHousehold(site),
        headers: { 'idempotency-key': randomUUID() },
      },
    );
    expect(accepted.status, accepted.text).toBe(202);
    // Both throttled answers went to this registration, and the SDK's own retries took them.
    expect(await dynamodbFaults()).toEqual([expect.objectContaining({ remaining: 0, throttled: 2 })]);

    const execution = await ended(accepted.body.executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    const page = await call<{ household: { status: string } }>(
      SUPERVISOR,
      'GET',
      `/households/${accepted.body.householdId}`,
    );
    expect(page.status).toBe(200);
    expect(['RECEIVED', 'FAILED']).not.toContain(page.body.household.status);
  }, 240_000);

  it('retries a throttled read with backoff, fails at the step once the policy runs out, and a redrive re-runs it', async () => {
    const intake = app.stateMachineArns.find((arn) => arn.includes('Workflowintake'));
    expect(intake).toBeDefined();
    // No household has this id: only this execution's requests carry its key.
    const householdId = ulid();
    const key = `HH#${householdId}`;
    const throttling = 'ThrottlingException';
    const set = await setDynamoDbFault({
      kind: 'throttle',
      table: REGISTRY,
      operations: ['GetItem'],
      contains: key,
      error: throttling,
    });
    expect(set.status).toBe(200);
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: intake,
        name: `ddb-faults-${householdId}`,
        input: JSON.stringify({ householdId }),
      }),
    );

    // The screening Lambda reads the household first; its SDK gave up, and the step's Retry tried
    // again (with backoff) until the policy ran out. Not caught: the execution fails at the step.
    const failed = await ended(executionArn!);
    expect(failed).toMatchObject({ status: 'FAILED', error: throttling, redriveStatus: 'REDRIVABLE' });
    const [fault] = await dynamodbFaults();
    expect(fault!.throttled).toBeGreaterThan(0);
    const tasks = taskEvents(await historyOf(executionArn!));
    const lambdaFailures = tasks.filter(
      (task) => task.type === 'TaskFailed' && task.resourceType === 'lambda',
    );
    expect(lambdaFailures).toHaveLength(5);
    expect(new Set(lambdaFailures.map((task) => task.state))).toEqual(new Set(['Screen household']));
    expect(new Set(lambdaFailures.map((task) => task.error))).toEqual(new Set([throttling]));

    // DynamoDB answers again: a redrive re-runs the screening, which now reads the household (there
    // is none) and takes the workflow to its deliberate ending for a household not received.
    await fetch(`${faultsUrl}/dynamodb`, { method: 'DELETE' });
    await sfn.send(new RedriveExecutionCommand({ executionArn, clientToken: randomUUID() }));
    const redriven = await eventually<DescribeExecutionCommandOutput>(async () => {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return described.status !== 'RUNNING' && (described.redriveCount ?? 0) > 0 ? described : undefined;
    }, 180_000);
    expect(redriven).toMatchObject({
      status: 'FAILED',
      error: 'Intake.HouseholdNotReceived',
      redriveCount: 1,
    });
    const after = taskEvents(await historyOf(executionArn!));
    expect(after.at(-1)).toMatchObject({
      state: 'Screen household',
      type: 'TaskSucceeded',
      resourceType: 'lambda',
    });
    // Five screening attempts with backoff come first: room for a runtime busy with other files' executions.
  }, 300_000);
});
