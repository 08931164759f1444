/**
 * POST /households/{id}/erasure through the real API (local runtime): the household's personal
 * data leaves every item of the registry, its aggregates stay, no guard resolves the person to
 * it any more, the erasure is audited, and only supervisors may ask for it.
 */
import { randomUUID } from 'node:crypto';
import { GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { cloudClients, eventually } from '../cloud/cloud-clients.ts';
import { appCloud, type Caller, hardeningApi, subjectOfToken } from './hardening-api.ts';

const app = appCloud();
const call = hardeningApi(app);
const { dynamodb } = cloudClients(app.endpoints);
const registry = app.tableNames.find((name) => name.includes('Registry'))!;

const INTAKE: Caller = { name: 'erasure-intake', token: 'valid', role: 'intake' };
const SUPERVISOR: Caller = { name: 'erasure-supervisor', token: 'valid', role: 'supervisor' };
const FINAL = new Set(['ELIGIBLE', 'INELIGIBLE', 'DUPLICATE', 'REVIEW_EXPIRED', 'FAILED']);

interface HouseholdPage {
  household: Record<string, unknown> & { status: string; duplicateOf?: string };
  decision: { outcome: string } | null;
}

function uniqueHousehold() {
  const command = aHouseholdCommand();
  const letters = randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 10)
    .padEnd(6, 'e');
  command.headOfHousehold.givenName = `Kadia${letters}`;
  command.headOfHousehold.familyName = `Coulibaly${letters}`;
  command.headOfHousehold.phone = `+223 6${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  // Rule outcomes vary with needs; this profile is decided by the rules, without a review.
  return command;
}

async function registerAndSettle(command: ReturnType<typeof aHouseholdCommand>) {
  const registered = await call<{ householdId: string }>(INTAKE, 'POST', '/households', {
    body: command,
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(registered.status, registered.text).toBeLessThan(300);
  const { householdId } = registered.body;
  const page = await eventually(async () => {
    const answer = await call<HouseholdPage>(SUPERVISOR, 'GET', `/households/${householdId}`);
    return answer.status === 200 && FINAL.has(answer.body.household.status) ? answer.body : undefined;
  }, 60_000);
  return { householdId, page };
}

/** Every registry item, as JSON text, that mentions any of the needles. */
async function registryItemsMentioning(needles: string[]): Promise<string[]> {
  const found: string[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(new ScanCommand({ TableName: registry, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const text = JSON.stringify(unmarshall(item));
      if (needles.some((needle) => text.includes(needle))) found.push(text);
    }
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  return found;
}

describe('household erasure (local runtime)', () => {
  it('removes names, phone and birth year everywhere, keeps the aggregates, frees the guard, and is audited', async () => {
    const command = uniqueHousehold();
    const { householdId, page: before } = await registerAndSettle(command);
    const head = command.headOfHousehold;
    const needles = [head.givenName, head.familyName, head.phone];
    expect(await registryItemsMentioning(needles)).not.toHaveLength(0);
    const profile = await dynamodb.send(
      new GetItemCommand({
        TableName: registry,
        Key: { pk: { S: `HH#${householdId}` }, sk: { S: 'PROFILE' } },
      }),
    );
    const fingerprint = profile.Item?.fingerprint?.S;

    const refused = await call(INTAKE, 'POST', `/households/${householdId}/erasure`, {
      body: { reason: 'DATA_SUBJECT_REQUEST' },
    });
    expect(refused.status).toBe(403);

    const erased = await call(SUPERVISOR, 'POST', `/households/${householdId}/erasure`, {
      body: { reason: 'DATA_SUBJECT_REQUEST' },
    });
    expect(erased.status, erased.text).toBe(200);

    expect(await registryItemsMentioning(needles)).toEqual([]);
    const after = await call<HouseholdPage>(SUPERVISOR, 'GET', `/households/${householdId}`);
    expect(after.status).toBe(200);
    expect(after.body.household.headOfHousehold).toBeUndefined();
    expect(JSON.stringify(after.body)).not.toContain(String(head.birthYear));
    expect(after.body.household.location).toEqual(before.household.location);
    expect(after.body.household.members).toEqual(before.household.members);
    expect(after.body.household.status).toBe(before.household.status);
    expect(after.body.decision?.outcome).toBe(before.decision?.outcome);

    if (fingerprint) {
      const guard = await dynamodb.send(
        new GetItemCommand({
          TableName: registry,
          Key: { pk: { S: `GUARD#IDENTITY#${fingerprint}` }, sk: { S: 'GUARD' } },
        }),
      );
      expect(guard.Item).toBeUndefined();
    }

    const trail = await call<{ items: { action: string; actor: string; roles: string[] }[] }>(
      SUPERVISOR,
      'GET',
      `/audit?entityType=household&entityId=${householdId}`,
    );
    const record = trail.body.items.find((item) => item.action === 'household.erase');
    expect(record?.actor).toBe(subjectOfToken((await call.tokenOf(SUPERVISOR))!));
    expect(record?.roles).toContain('supervisor');

    const again = await call<{ error: { code: string } }>(
      SUPERVISOR,
      'POST',
      `/households/${householdId}/erasure`,
      {
        body: { reason: 'DATA_SUBJECT_REQUEST' },
      },
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_ERASED');

    // The same person registering again is not resolved to the erased household.
    const { page: reRegistered } = await registerAndSettle(command);
    expect(reRegistered.household.duplicateOf).not.toBe(householdId);
  });

  it('answers 404 for an unknown household and 400 for an unknown reason', async () => {
    const unknown = await call(SUPERVISOR, 'POST', '/households/01JZZZZZZZZZZZZZZZZZZZZZZZ/erasure', {
      body: { reason: 'DATA_SUBJECT_REQUEST' },
    });
    expect(unknown.status).toBe(404);
    const badReason = await call(SUPERVISOR, 'POST', '/households/01JZZZZZZZZZZZZZZZZZZZZZZZ/erasure', {
      body: { reason: 'BECAUSE' },
    });
    expect(badReason.status).toBe(400);
  });
});
