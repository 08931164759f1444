/**
 * The audit trail through the real API: each change to a household, a stock level, an
 * allocation or a GBV case made through the API leaves a record saying who (subject and role),
 * what, when and from which request; supervisors read it with GET /audit, nobody else can.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { eventually } from '../cloud/cloud-clients.ts';
import { appCloud, type Caller, hardeningApi, subjectOfToken } from './hardening-api.ts';

const app = appCloud();
const call = hardeningApi(app);

const INTAKE: Caller = { name: 'audit-intake', token: 'valid', role: 'intake' };
const SUPERVISOR: Caller = { name: 'audit-supervisor', token: 'valid', role: 'supervisor' };
const CASEWORKER: Caller = { name: 'audit-caseworker', token: 'valid', role: 'caseworker' };

interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  actor: string;
  roles: string[];
  requestId: string;
  at: string;
  eventId: string;
}

const trailOf = async (entityType: string, entityId: string) => {
  const answer = await call<{ items: AuditRecord[] }>(
    SUPERVISOR,
    'GET',
    `/audit?entityType=${entityType}&entityId=${encodeURIComponent(entityId)}`,
  );
  expect(answer.status).toBe(200);
  return answer.body.items;
};

/** Waits for a record of `action` on the entity and checks who, role, when and which request. */
async function expectRecorded(
  entityType: string,
  entityId: string,
  action: string | RegExp,
  expected: { by?: Caller; role?: string; requestId?: string | null; since: number },
) {
  const record = await eventually(async () => {
    const items = await trailOf(entityType, entityId);
    return items.find((item) =>
      typeof action === 'string' ? item.action === action : action.test(item.action),
    );
  }, 30_000);
  expect(record.entityType).toBe(entityType);
  expect(record.entityId).toBe(entityId);
  if (expected.by) expect(record.actor).toBe(subjectOfToken((await call.tokenOf(expected.by))!));
  if (expected.role) expect(record.roles).toContain(expected.role);
  if (expected.requestId) expect(record.requestId).toBe(expected.requestId);
  expect(record.requestId).toMatch(/\S/);
  expect(Date.parse(record.at)).toBeGreaterThanOrEqual(expected.since - 5_000);
  expect(Date.parse(record.at)).toBeLessThanOrEqual(Date.now() + 5_000);
  return record;
}

/** A household nobody else registered, so dedupe does not fold it into another. */
function uniqueHousehold() {
  const command = aHouseholdCommand();
  const letters =
    randomUUID()
      .replace(/[^a-f]/g, '')
      .slice(0, 8) || 'abcdef';
  command.headOfHousehold.givenName = `Awa${letters}`;
  command.headOfHousehold.familyName = `Diallo${letters}`;
  command.headOfHousehold.phone = `+223 7${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  return command;
}

describe('audit trail through the API (local runtime)', () => {
  it('records a household registration and its workflow steps, an allocation, by whom and from which request', async () => {
    const since = Date.now();
    const registered = await call<{ householdId: string }>(INTAKE, 'POST', '/households', {
      body: uniqueHousehold(),
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(registered.status).toBeLessThan(300);
    const { householdId } = registered.body;
    await expectRecorded('household', householdId, 'household.register', {
      by: INTAKE,
      role: 'intake',
      requestId: registered.requestId,
      since,
    });
    // The workflow's own changes to the household are audited too (the workflow is the actor).
    await expectRecorded('household', householdId, /^household\.(decide-eligibility|deduplicate)/, { since });

    const allocationId = await eventually(async () => {
      const page = await call<{ allocations: { allocationId: string }[] }>(
        SUPERVISOR,
        'GET',
        `/households/${householdId}`,
      );
      return page.body.allocations?.[0]?.allocationId;
    }, 60_000);
    await expectRecorded('allocation', allocationId, /^allocation\./, { since });
  });

  it('records a stock receipt', async () => {
    const since = Date.now();
    const received = await call<{ receiptId: string }>(
      SUPERVISOR,
      'POST',
      '/sites/SITE-AUDIT-01/stock/receipts',
      {
        body: { lines: [{ kitType: 'SOAP', quantity: 10 }] },
        headers: { 'idempotency-key': randomUUID() },
      },
    );
    expect(received.status).toBeLessThan(300);
    await expectRecorded('stock-receipt', received.body.receiptId, 'stock.receipt', {
      by: SUPERVISOR,
      role: 'supervisor',
      requestId: received.requestId,
      since,
    });
  });

  it('records a GBV case opened, and never writes anything about the incident into the trail', async () => {
    const since = Date.now();
    const opened = await call<{ caseId: string }>(CASEWORKER, 'POST', '/gbv/cases', {
      headers: { 'idempotency-key': randomUUID() },
      body: {
        incidentType: 'PHYSICAL_ASSAULT',
        incidentDate: new Date(since - 5 * 86_400_000).toISOString().slice(0, 10),
        reportedAt: new Date(since - 60_000).toISOString(),
        commune: 'ML0506',
        riskLevel: 'MEDIUM',
        servicesNeeded: ['PSYCHOSOCIAL'],
        consent: {
          referrals: [{ service: 'PSYCHOSOCIAL', partnerId: 'FeDe', granted: true }],
          statistics: true,
        },
      },
    });
    expect(opened.status).toBe(201);
    const record = await expectRecorded('gbv-case', opened.body.caseId, 'gbv-case.open', {
      by: CASEWORKER,
      role: 'caseworker',
      requestId: opened.requestId,
      since,
    });
    expect(JSON.stringify(record)).not.toMatch(/PHYSICAL_ASSAULT|ML0506/);
  });

  it('answers the trail to supervisors only, and refuses a query that names no entity and no day', async () => {
    for (const who of [
      INTAKE,
      CASEWORKER,
      { name: 'audit-operator', token: 'valid', role: 'operator' } as Caller,
    ]) {
      const answer = await call(
        who,
        'GET',
        '/audit?entityType=household&entityId=01JZZZZZZZZZZZZZZZZZZZZZZZ',
      );
      expect(answer.status).toBe(403);
    }
    const unnamed = await call<{ error: { fields: { path: string }[] } }>(SUPERVISOR, 'GET', '/audit');
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.fields.map((field) => field.path)).toContain('query.entityType');
  });
});
