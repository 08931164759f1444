import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBeneficiaryCsv } from '#domain/bulk/read-beneficiary-csv.ts';
import { parsePcodeCsv, pcodeLookupFrom } from '#domain/pcodes/pcode-table.ts';
import { fixedClock } from '#domain/ports/clock.ts';
import type { RunOnce } from '#shared/idempotency/run-once.ts';
import type { HouseholdRecord } from '../../../functions/adapters/registry/records.ts';
import { registerRow } from '../../../functions/bulk-intake/row-registration.ts';
import type { RegistrationDeps } from '../../../functions/intake/registration.ts';
import { householdCommandSchemaWith } from '../../../functions/schemas/household.ts';
import { beneficiaryListCsv } from '../../fixtures/domain/beneficiary-csv.ts';

const pcodes = pcodeLookupFrom(
  parsePcodeCsv(readFileSync(new URL('../../../config/pcodes.csv', import.meta.url), 'utf8')),
);
const schema = householdCommandSchemaWith(pcodes);
const actor = { actor: 'upload-1', roles: ['partner'], partnerId: 'FeDe', requestId: 'r1' };

/** runOnce in memory: the first result per key answers every repeat. */
function memoryOnce(): RunOnce {
  const results = new Map<string, unknown>();
  return async (key, _fingerprint, work) => {
    if (!results.has(key)) results.set(key, await work());
    return results.get(key) as never;
  };
}

function registration() {
  const stored: HouseholdRecord[] = [];
  const started: string[] = [];
  let next = 0;
  const deps = {
    households: {
      create: async (record: HouseholdRecord) => {
        stored.push(record);
        return { created: true } as const;
      },
    },
    startIntake: async (householdId: string) => {
      started.push(householdId);
      return `arn:execution:${householdId}`;
    },
    audit: { record: async () => undefined },
    clock: fixedClock(new Date('2026-11-26T10:00:00Z')),
    newId: () => `HH${++next}`,
  } as unknown as RegistrationDeps;
  return { deps, stored, started };
}

const { csv, invalidRows } = beneficiaryListCsv(12, 6);
const rows = readBeneficiaryCsv(new TextEncoder().encode(csv)).rows;

describe('registerRow', () => {
  it('registers a valid row through the POST /households registration and starts its intake', async () => {
    const { deps, stored, started } = registration();
    const valid = rows.find((row) => !invalidRows.has(row.rowNumber))!;
    const outcome = await registerRow(
      { schema, identityOwner: async () => undefined, identityOnce: memoryOnce(), registration: deps },
      valid.values,
      actor,
    );
    expect(outcome).toEqual({ status: 'REGISTERED', householdId: 'HH1' });
    expect(stored[0]).toMatchObject({
      householdId: 'HH1',
      status: 'RECEIVED',
      partnerId: 'FeDe',
      registeredBy: 'upload-1',
    });
    expect(started).toEqual(['HH1']);
  });

  it('reports an invalid row with the field at fault in French and English, storing nothing', async () => {
    const { deps, stored } = registration();
    for (const [rowNumber, field] of invalidRows) {
      const row = rows.find((candidate) => candidate.rowNumber === rowNumber)!;
      const outcome = await registerRow(
        { schema, identityOwner: async () => undefined, identityOnce: memoryOnce(), registration: deps },
        row.values,
        actor,
      );
      expect(outcome.status).toBe('INVALID');
      const reason = outcome.reasons?.find((candidate) => candidate.field === field);
      expect(reason, `row ${rowNumber}: ${field}`).toBeDefined();
      expect(reason!.fr).not.toBe(reason!.en);
      // No cell value is echoed in a reason.
      expect(JSON.stringify(outcome)).not.toContain(row.values['familyName']);
    }
    expect(stored).toEqual([]);
  });

  it('reports an identity registered already as DUPLICATE without storing a household', async () => {
    const { deps, stored, started } = registration();
    const valid = rows.find((row) => !invalidRows.has(row.rowNumber))!;
    const outcome = await registerRow(
      { schema, identityOwner: async () => 'HH-FIRST', identityOnce: memoryOnce(), registration: deps },
      valid.values,
      actor,
    );
    expect(outcome).toEqual({ status: 'DUPLICATE', householdId: 'HH-FIRST' });
    expect(stored).toEqual([]);
    expect(started).toEqual([]);
  });

  it('registers an identity once even before its intake has claimed the guard', async () => {
    const { deps, stored, started } = registration();
    const valid = rows.find((row) => !invalidRows.has(row.rowNumber))!;
    const bulk = {
      schema,
      identityOwner: async () => undefined,
      identityOnce: memoryOnce(),
      registration: deps,
    };
    expect(await registerRow(bulk, valid.values, actor)).toEqual({
      status: 'REGISTERED',
      householdId: 'HH1',
    });
    expect(await registerRow(bulk, valid.values, actor)).toEqual({ status: 'DUPLICATE', householdId: 'HH1' });
    expect(stored).toHaveLength(1);
    expect(started).toEqual(['HH1']);
  });
});
