/**
 * Kit dispatch under the fault switch (`/_local/faults`): the entitlement step throttled past its
 * retries fails the execution at that step, before anything is reserved; the status-change event
 * marks the household FAILED (keeping ELIGIBLE for later); once the fault is gone a redrive
 * re-runs the step, the kits are reserved, and the redrive's event puts ELIGIBLE back.
 */
import { randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { RedriveExecutionCommand } from '@aws-sdk/client-sfn';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { cloudClients, eventually } from '../cloud/cloud-clients.ts';
import { aSite, dueLines, kitsWorld } from '../kits/kits-world.ts';

const world = kitsWorld();
const { dynamodb, sfn } = cloudClients(world.app.endpoints);
const entitlement = world.app.functionNames.find((name) => name.includes('FnAllocationsComputeEntitlement'));
const THROTTLED = 'Lambda.TooManyRequestsException';
const clearFaults = () => fetch(`${world.app.endpoints.api}/_local/faults`, { method: 'DELETE' });

async function profile(householdId: string) {
  const { Item } = await dynamodb.send(
    new GetItemCommand({
      TableName: world.registry,
      Key: { pk: { S: `HH#${householdId}` }, sk: { S: 'PROFILE' } },
      ConsistentRead: true,
    }),
  );
  return Item ? unmarshall(Item) : undefined;
}

describe('faults in the kit-dispatch workflow (local runtime, fault injection)', () => {
  afterAll(clearFaults);

  it('marks the household when the entitlement fails past its retries; a redrive reserves the kits', async () => {
    expect(entitlement).toBeDefined();
    const site = aSite('FAULTS');
    expect((await world.receive(site, dueLines())).status).toBe(201);
    const householdId = await world.eligibleHousehold(site);
    const set = await fetch(`${world.app.endpoints.api}/_local/faults/${entitlement}`, {
      method: 'PUT',
      body: JSON.stringify({ kind: 'throttle' }),
    });
    expect(set.ok).toBe(true);
    const executionArn = await world.dispatch(householdId);
    const failed = await world.ended(executionArn, 90_000);
    expect(failed).toMatchObject({ status: 'FAILED', error: THROTTLED });
    expect(await world.allocation(householdId)).toBeUndefined();

    const marked = await eventually(async () => {
      const item = await profile(householdId);
      return item?.['status'] === 'FAILED' ? item : undefined;
    }, 30_000);
    expect(marked).toMatchObject({
      statusBeforeFailure: 'ELIGIBLE',
      failure: { state: 'Compute entitlement', error: THROTTLED, executionArn },
    });

    await clearFaults();
    await sfn.send(new RedriveExecutionCommand({ executionArn, clientToken: randomUUID() }));
    const reserved = await world.allocationWhen(householdId, (item) => item['status'] === 'RESERVED', 60_000);
    expect(reserved).toMatchObject({ siteId: site });
    const restored = await eventually(async () => {
      const item = await profile(householdId);
      return item && item['failure'] === undefined ? item : undefined;
    }, 30_000);
    expect(restored['status']).not.toBe('FAILED');
    expect(restored['statusBeforeFailure']).toBeUndefined();
  });
});
