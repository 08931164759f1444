import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { HouseholdRecord } from '../../../functions/adapters/registry/records.ts';
import {
  distributionListCsv,
  distributionListRows,
} from '../../../functions/allocations/distribution-list.ts';
import { planEntitlement } from '../../../functions/allocations/entitlement-plan.ts';
import { distributionSettings, kitCatalog } from '../../../functions/allocations/kit-config.ts';
import { ALLOCATION_ID, allocation, HOUSEHOLD_ID } from './kit-fixtures.ts';

const household = (overrides: Partial<HouseholdRecord> = {}) =>
  ({
    householdId: HOUSEHOLD_ID,
    status: 'ELIGIBLE',
    location: { adm1: 'ML05', adm2: 'ML0506', site: 'SITE-1' },
    members: {
      total: 5,
      childrenUnder5: 1,
      pregnantOrLactating: 0,
      elderly: 0,
      withDisability: 0,
      womenAndGirls12to49: 1,
    },
    createdAt: '2026-11-01T08:00:00.000Z',
    partnerId: 'FeDe',
    ...overrides,
  }) as HouseholdRecord;

const plan = (overrides: Partial<Parameters<typeof planEntitlement>[0]> = {}) =>
  planEntitlement({
    householdId: HOUSEHOLD_ID,
    household: household(),
    requestedRound: undefined,
    confirmationTimeoutOverride: undefined,
    catalog: kitCatalog(),
    settings: distributionSettings(),
    now: new Date('2026-11-26T08:00:00Z'),
    ...overrides,
  });

describe('planEntitlement', () => {
  it('plans the round open today, its kits, the waitlist wait until the round closes and the configured confirmation wait', () => {
    expect(plan()).toEqual({
      outcome: 'DUE',
      householdId: HOUSEHOLD_ID,
      allocationId: `${HOUSEHOLD_ID}-2026-R2`,
      round: '2026-R2',
      siteId: 'SITE-1',
      lines: [
        { kitType: 'FOOD', quantity: 1 },
        { kitType: 'HYGIENE', quantity: 1 },
        { kitType: 'SOAP', quantity: 5 },
        { kitType: 'DIGNITY', quantity: 1 },
      ],
      registeredAt: '2026-11-01T08:00:00.000Z',
      partnerId: 'FeDe',
      waitlistTimeoutSeconds: Math.floor(
        (Date.parse('2026-12-31T23:59:59Z') - Date.parse('2026-11-26T08:00:00Z')) / 1000,
      ),
      confirmationTimeoutSeconds: 14 * 86_400,
    });
  });

  it('takes a requested round and a shortened confirmation wait', () => {
    const lean = plan({ requestedRound: '2026-LEAN-2', confirmationTimeoutOverride: 5 });
    expect(lean.lines.map((line) => line.kitType)).toEqual(['FOOD', 'SOAP']);
    expect(lean.confirmationTimeoutSeconds).toBe(5);
    expect(lean.waitlistTimeoutSeconds).toBe(3600);
  });

  it('dispatches nothing to a household that is not ELIGIBLE, or between rounds', () => {
    expect(plan({ household: household({ status: 'PENDING_REVIEW' }) }).outcome).toBe('NOT_ELIGIBLE');
    expect(plan({ household: undefined }).outcome).toBe('NOT_ELIGIBLE');
    expect(plan({ requestedRound: 'NO-SUCH-ROUND' }).outcome).toBe('NO_ROUND');
  });
});

describe('distribution list', () => {
  it('prints names and codes as text, never as spreadsheet formulas', () => {
    const rows = distributionListRows([allocation()], new Map([[HOUSEHOLD_ID, '@SUM(A1) Traoré']]));
    const [header, row] = parse(distributionListCsv(rows)) as string[][];
    expect(header).toEqual([
      'allocationId',
      'householdId',
      'headOfHousehold',
      'status',
      'voucherCode',
      'kits',
      'signature',
    ]);
    expect(row).toEqual([
      ALLOCATION_ID,
      HOUSEHOLD_ID,
      "'@SUM(A1) Traoré",
      'RESERVED',
      '3469A-CDEFGH',
      'FOOD x2; HYGIENE x1',
      '',
    ]);
  });
});
