import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Powertools reads the namespace when the shared metrics object is built (module load), as in a
// Lambda whose environment AppFunction set.
vi.hoisted(() => {
  process.env['POWERTOOLS_METRICS_NAMESPACE'] = 'Casework';
  process.env['POWERTOOLS_SERVICE_NAME'] = 'allocations';
});

import type { AllocationStore } from '../../../functions/adapters/kits/allocation-store.ts';
import type { AllocationRecord, WaitlistEntry } from '../../../functions/adapters/kits/records.ts';
import type { StockStore } from '../../../functions/adapters/kits/stock-store.ts';
import { expireAllocation } from '../../../functions/allocations/expiry.ts';
import { distributionSettings } from '../../../functions/allocations/kit-config.ts';
import { reserveKits } from '../../../functions/allocations/reservation.ts';
import { serveWaitlist } from '../../../functions/allocations/serve-waitlist.ts';
import { lowStockThreshold } from '../../../functions/domain/stock/low-stock.ts';
import { EMPTY_BALANCE } from '../../../functions/domain/stock/stock-movement.ts';
import { countStock } from '../../../functions/stock/count.ts';
import { receiveStock } from '../../../functions/stock/receipt.ts';
import { captureLogs } from '../shared/fakes.ts';
import { ALLOCATION_ID, actor, allocation, HOUSEHOLD_ID, request } from './kit-fixtures.ts';

const clock = { now: () => new Date('2026-11-26T08:00:00Z') };
const SITE = 'SITE-1';
/** The threshold the shipped settings give SITE-1: levels below are written relative to it. */
const THRESHOLD = lowStockThreshold(distributionSettings().lowStock, SITE);

/** Balances as successive reads return them: the last one repeats. */
function stockReading(...levels: Record<string, number>[]) {
  const balances = vi.fn();
  const asBalances = (level: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(level).map(([kit, quantity]) => [kit, { ...EMPTY_BALANCE, available: quantity }]),
    );
  for (const level of levels) balances.mockResolvedValueOnce(asBalances(level));
  const last = levels.at(-1);
  if (last) balances.mockResolvedValue(asBalances(last));
  return {
    balances,
    receive: vi.fn(async () => undefined),
    recordCount: vi.fn(async () => undefined),
  } as unknown as StockStore & { balances: ReturnType<typeof vi.fn> };
}

function fakeAllocations(state: { allocation?: AllocationRecord; waiting?: WaitlistEntry[] } = {}) {
  return {
    get: vi.fn(async () => state.allocation),
    reserve: vi.fn(async () => 'RESERVED' as const),
    waitlist: vi.fn(async () => 'WAITLISTED' as const),
    waiting: vi.fn(async () => state.waiting ?? []),
    serveFromWaitlist: vi.fn(async () => 'RESERVED' as const),
    settle: vi.fn(async () => true),
    expireWaitlisted: vi.fn(async () => true),
  } as unknown as AllocationStore;
}

interface Emf {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [field: string]: unknown;
}

let output: ReturnType<typeof captureLogs>;
beforeEach(() => {
  output = captureLogs();
});
afterEach(() => output.restore());

/** The EMF documents written to stdout. */
const emitted = (): Emf[] => output.entries().filter((entry): entry is Emf => '_aws' in entry);
/** Each metric as `name site value`, in the order written. */
const published = () =>
  emitted().map((emf) => {
    const name = emf._aws.CloudWatchMetrics[0]?.Metrics[0]?.Name ?? '?';
    return `${name} ${String(emf['site'])} ${String(emf[name])}`;
  });

describe('stock metrics (EMF on stdout)', () => {
  it('publishes the kits left after a reservation, in namespace Casework, with the site as only dimension', async () => {
    const stock = stockReading({ FOOD: THRESHOLD + 5, HYGIENE: 2 });
    await reserveKits(
      { allocations: fakeAllocations(), stock, wake: vi.fn(async () => true), clock },
      request(),
      'token-1',
      actor,
    );
    expect(published()).toEqual([`KitsInStock ${SITE} ${THRESHOLD + 7}`]);
    const [emf] = emitted();
    expect(emf?._aws.CloudWatchMetrics).toEqual([
      { Namespace: 'Casework', Dimensions: [['site']], Metrics: [{ Name: 'KitsInStock', Unit: 'Count' }] },
    ]);
    // Identifiers of people never reach a metric: only the site, the value and the envelope.
    expect(Object.keys(emf ?? {}).sort()).toEqual(['KitsInStock', '_aws', 'site']);
    expect(output.text()).not.toContain(HOUSEHOLD_ID);
  });

  it('counts StockLow once when a reservation takes the site below its threshold', async () => {
    // The request reserves 3 kits: THRESHOLD + 1 before, THRESHOLD - 2 after.
    const stock = stockReading({ FOOD: THRESHOLD - 2 });
    await reserveKits(
      { allocations: fakeAllocations(), stock, wake: vi.fn(async () => true), clock },
      request(),
      'token-1',
      actor,
    );
    expect(published()).toEqual([`KitsInStock ${SITE} ${THRESHOLD - 2}`, `StockLow ${SITE} 1`]);
  });

  it('does not count StockLow again for a site that was already below', async () => {
    // Before: THRESHOLD - 1 (3 kits more than after).
    const stock = stockReading({ FOOD: THRESHOLD - 4 });
    await reserveKits(
      { allocations: fakeAllocations(), stock, wake: vi.fn(async () => true), clock },
      request(),
      'token-1',
      actor,
    );
    expect(published()).toEqual([`KitsInStock ${SITE} ${THRESHOLD - 4}`]);
  });

  it('publishes nothing for a repeated dispatch, which moves no stock', async () => {
    const allocations = fakeAllocations({ allocation: allocation({ status: 'RESERVED' }) });
    vi.mocked(allocations.reserve).mockResolvedValueOnce('EXISTS');
    const stock = stockReading({ FOOD: 1 });
    await reserveKits({ allocations, stock, wake: vi.fn(async () => true), clock }, request(), 't', actor);
    expect(published()).toEqual([]);
    expect(stock.balances).not.toHaveBeenCalled();
  });

  it('publishes the level after a restock that served nobody', async () => {
    const stock = stockReading({ FOOD: 200 }, { FOOD: 200, SOAP: 50 });
    const result = await receiveStock(
      { stock, allocations: fakeAllocations(), wake: vi.fn(), clock, newId: () => 'R1' },
      { siteId: SITE, receipt: { lines: [{ kitType: 'FOOD', quantity: 200 }] } as never, actor },
    );
    expect(result.servedFromWaitlist).toEqual([]);
    expect(published()).toEqual([`KitsInStock ${SITE} 250`]);
  });

  it('publishes once after a restock whose kits went to the waitlist, counting what the waitlist took', async () => {
    const waiting = [
      { ...request({ allocationId: 'A', lines: [{ kitType: 'FOOD', quantity: 4 }] }), taskToken: 'tA' },
    ];
    // The waitlist reads THRESHOLD + 2 after the receipt, takes 4, and THRESHOLD - 2 is left.
    const stock = stockReading({ FOOD: THRESHOLD + 2 }, { FOOD: THRESHOLD - 2 });
    const result = await receiveStock(
      {
        stock,
        allocations: fakeAllocations({ waiting }),
        wake: vi.fn(async () => true),
        clock,
        newId: () => 'R2',
      },
      { siteId: SITE, receipt: { lines: [{ kitType: 'FOOD', quantity: 4 }] } as never, actor },
    );
    expect(result.servedFromWaitlist).toEqual(['A']);
    expect(published()).toEqual([`KitsInStock ${SITE} ${THRESHOLD - 2}`, `StockLow ${SITE} 1`]);
  });

  it('counts StockLow when a physical count finds kits missing and takes the site below', async () => {
    const stock = stockReading({ FOOD: THRESHOLD + 10 }, { FOOD: THRESHOLD - 5 });
    const result = await countStock(
      { stock, allocations: fakeAllocations(), wake: vi.fn(), clock, newId: () => 'C1' },
      {
        siteId: SITE,
        count: { countedAt: '2026-11-26T07:00:00Z', lines: [{ kitType: 'FOOD', counted: THRESHOLD - 5 }] },
        actor,
      },
    );
    expect(result.kits[0]?.adjustment).toBe(-15);
    expect(published()).toEqual([`KitsInStock ${SITE} ${THRESHOLD - 5}`, `StockLow ${SITE} 1`]);
  });

  it('publishes the level after a released reservation when nobody waits', async () => {
    // The waitlist is read (3 available, nobody waiting), then the level is read and published.
    const stock = stockReading({ FOOD: 3 });
    await expireAllocation(
      { allocations: fakeAllocations({ allocation: allocation() }), stock, wake: vi.fn(), clock },
      ALLOCATION_ID,
      'confirmation-timeout',
      actor,
    );
    expect(published()).toEqual([`KitsInStock ${SITE} 3`]);
  });

  it('does not count kits handed back for a stopped execution as taken out', async () => {
    const waiting = [
      { ...request({ allocationId: 'A', lines: [{ kitType: 'FOOD', quantity: 4 }] }), taskToken: 'tA' },
    ];
    const stock = stockReading({ FOOD: THRESHOLD + 2 }, { FOOD: THRESHOLD + 2 });
    await serveWaitlist(
      { stock, allocations: fakeAllocations({ waiting }), wake: vi.fn(async () => false), clock },
      SITE,
      actor,
    );
    expect(published()).toEqual([`KitsInStock ${SITE} ${THRESHOLD + 2}`]);
  });

  it('keeps a committed change when the level cannot be read, and publishes nothing', async () => {
    const stock = stockReading();
    stock.balances.mockRejectedValue(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    const result = await reserveKits(
      { allocations: fakeAllocations(), stock, wake: vi.fn(async () => true), clock },
      request(),
      'token-1',
      actor,
    );
    expect(result.status).toBe('RESERVED');
    expect(published()).toEqual([]);
    expect(output.text()).toContain('Stock level not published');
  });
});
