import { describe, expect, it, vi } from 'vitest';
import type { AllocationStore } from '../../../functions/adapters/kits/allocation-store.ts';
import type {
  AllocationRecord,
  VoucherRecord,
  WaitlistEntry,
} from '../../../functions/adapters/kits/records.ts';
import type { StockStore } from '../../../functions/adapters/kits/stock-store.ts';
import { confirmAllocation } from '../../../functions/allocations/confirmation.ts';
import { expireAllocation } from '../../../functions/allocations/expiry.ts';
import { reserveKits } from '../../../functions/allocations/reservation.ts';
import { serveWaitlist } from '../../../functions/allocations/serve-waitlist.ts';
import { EMPTY_BALANCE } from '../../../functions/domain/stock/stock-movement.ts';
import { AppError } from '../../../functions/shared/errors/app-error.ts';
import { ALLOCATION_ID, actor, allocation, request } from './kit-fixtures.ts';

const clock = { now: () => new Date('2026-11-26T08:00:00Z') };
const VOUCHER: VoucherRecord = {
  code: '3469A-CDEFGH',
  allocationId: ALLOCATION_ID,
  householdId: request().householdId,
  round: '2026-R2',
  siteId: 'SITE-1',
  status: 'ISSUED',
  issuedAt: '2026-11-26T07:00:00Z',
  taskToken: 'confirm-token',
};

/** A hand-written fake of the allocation store: what each test needs, spied. */
function fakeAllocations(state: {
  allocation?: AllocationRecord;
  voucher?: VoucherRecord;
  waiting?: WaitlistEntry[];
}) {
  return {
    get: vi.fn(async () => state.allocation),
    getVoucher: vi.fn(async (code: string) => (state.voucher?.code === code ? state.voucher : undefined)),
    reserve: vi.fn(async () => 'OUT_OF_STOCK' as const),
    waitlist: vi.fn(async () => 'WAITLISTED' as const),
    refreshWaitlistToken: vi.fn(async () => true),
    waiting: vi.fn(async () => state.waiting ?? []),
    serveFromWaitlist: vi.fn(async () => 'RESERVED' as const),
    settle: vi.fn(async () => true),
    expireWaitlisted: vi.fn(async () => true),
  } as unknown as AllocationStore & Record<string, ReturnType<typeof vi.fn>>;
}
const fakeStock = (available: Record<string, number>) =>
  ({
    balances: vi.fn(async () =>
      Object.fromEntries(
        Object.entries(available).map(([kit, quantity]) => [kit, { ...EMPTY_BALANCE, available: quantity }]),
      ),
    ),
  }) as unknown as StockStore;

const confirmation = (overrides: Record<string, unknown> = {}) => ({
  status: 'DISTRIBUTED' as const,
  voucherCode: VOUCHER.code,
  collector: { type: 'HOUSEHOLD' as const },
  ...overrides,
});

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { status: error.status, code: error.code };
}

describe('confirmAllocation', () => {
  const run = (allocations: AllocationStore, body = confirmation()) => {
    const wake = vi.fn(async () => true);
    const promise = confirmAllocation(
      { allocations, stock: fakeStock({}), wake, clock },
      { allocationId: ALLOCATION_ID, confirmation: body as never, actor, authorize: () => undefined },
    );
    return { promise, wake };
  };

  it('settles, uses the voucher and answers the waiting step', async () => {
    const allocations = fakeAllocations({ allocation: allocation(), voucher: VOUCHER });
    const { promise, wake } = run(allocations);
    expect(await promise).toMatchObject({ status: 'DISTRIBUTED', issued: allocation().lines, released: [] });
    expect(allocations['settle']).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ status: 'DISTRIBUTED', voucherCode: VOUCHER.code }),
      expect.any(String),
      expect.objectContaining({ action: 'allocation.confirm.distributed', entityId: ALLOCATION_ID }),
    );
    expect(wake).toHaveBeenCalledWith('confirm-token', { status: 'DISTRIBUTED' });
  });

  it('refuses an unknown voucher, or one issued for another allocation, with 422', async () => {
    expect(await refusal(run(fakeAllocations({ allocation: allocation() })).promise)).toEqual({
      status: 422,
      code: 'VOUCHER_UNKNOWN',
    });
    const elsewhere = { ...VOUCHER, allocationId: 'OTHER' };
    expect(
      await refusal(run(fakeAllocations({ allocation: allocation(), voucher: elsewhere })).promise),
    ).toEqual({
      status: 422,
      code: 'VOUCHER_UNKNOWN',
    });
  });

  it("refuses a proof document outside the caller's organisation's prefix", async () => {
    const allocations = fakeAllocations({ allocation: allocation(), voucher: VOUCHER });
    const body = confirmation({ proofDocumentKey: 'documents/AMSS/01J-photo.jpg' });
    expect(await refusal(run(allocations, body).promise)).toEqual({
      status: 422,
      code: 'PROOF_DOCUMENT_NOT_YOURS',
    });
    const own = run(
      fakeAllocations({ allocation: allocation(), voucher: VOUCHER }),
      confirmation({ proofDocumentKey: 'documents/staff/01J-photo.jpg' }),
    );
    expect(await own.promise).toMatchObject({ status: 'DISTRIBUTED' });
  });

  it('refuses a used voucher with 409 and changes nothing', async () => {
    const allocations = fakeAllocations({
      allocation: allocation({ status: 'DISTRIBUTED' }),
      voucher: { ...VOUCHER, status: 'USED' },
    });
    expect(await refusal(run(allocations).promise)).toEqual({ status: 409, code: 'VOUCHER_ALREADY_USED' });
    expect(allocations['settle']).not.toHaveBeenCalled();
  });

  it('refuses a partial confirmation of kits that were never reserved (domain error as 409)', async () => {
    const allocations = fakeAllocations({ allocation: allocation(), voucher: VOUCHER });
    const body = confirmation({ status: 'PARTIAL', kits: [{ kitType: 'DIGNITY', quantity: 1 }] });
    expect(await refusal(run(allocations, body).promise)).toEqual({
      status: 409,
      code: 'CONFIRMATION_EXCEEDS_RESERVATION',
    });
  });

  it('reports a lost race (the timeout released the kits first) as no longer pending', async () => {
    const allocations = fakeAllocations({ allocation: allocation(), voucher: VOUCHER });
    vi.mocked(allocations.settle).mockResolvedValueOnce(false);
    expect(await refusal(run(allocations).promise)).toEqual({ status: 409, code: 'TASK_NO_LONGER_PENDING' });
  });
});

describe('reserveKits', () => {
  it('answers its own step at once when the kits are reserved', async () => {
    const allocations = fakeAllocations({});
    vi.mocked(allocations.reserve).mockResolvedValueOnce('RESERVED');
    const wake = vi.fn(async () => true);
    const result = await reserveKits(
      { allocations, stock: fakeStock({}), wake, clock },
      request(),
      'token-1',
      actor,
    );
    expect(result).toEqual({ allocationId: ALLOCATION_ID, status: 'RESERVED' });
    expect(wake).toHaveBeenCalledWith('token-1', { status: 'RESERVED' });
    expect(allocations['waitlist']).not.toHaveBeenCalled();
  });

  it('waitlists out of stock, keeps the step waiting, and serves the waitlist if stock landed meanwhile', async () => {
    const entry = { ...request(), taskToken: 'token-1' };
    const allocations = fakeAllocations({ waiting: [entry] });
    const wake = vi.fn(async () => true);
    const result = await reserveKits(
      { allocations, stock: fakeStock({ FOOD: 2, HYGIENE: 1 }), wake, clock },
      request(),
      'token-1',
      actor,
    );
    expect(result.status).toBe('WAITLISTED');
    expect(allocations['waitlist']).toHaveBeenCalledWith(
      request(),
      'token-1',
      expect.any(String),
      expect.objectContaining({ action: 'allocation.waitlist' }),
    );
    expect(allocations['serveFromWaitlist']).toHaveBeenCalledTimes(1);
    expect(wake).toHaveBeenCalledWith('token-1', { status: 'RESERVED' });
  });

  it('answers a repeated dispatch with the status the allocation already has', async () => {
    const allocations = fakeAllocations({ allocation: allocation({ status: 'DISTRIBUTED' }) });
    vi.mocked(allocations.reserve).mockResolvedValueOnce('EXISTS');
    const wake = vi.fn(async () => true);
    await reserveKits({ allocations, stock: fakeStock({}), wake, clock }, request(), 'token-2', actor);
    expect(wake).toHaveBeenCalledWith('token-2', { status: 'DISTRIBUTED' });
  });
});

describe('expireAllocation', () => {
  it('releases every reserved kit of a timed-out allocation', async () => {
    const allocations = fakeAllocations({ allocation: allocation() });
    const result = await expireAllocation(
      { allocations, stock: fakeStock({}), wake: vi.fn(), clock },
      ALLOCATION_ID,
      'confirmation-timeout',
      actor,
    );
    expect(result.status).toBe('EXPIRED');
    expect(allocations['settle']).toHaveBeenCalledWith(
      expect.anything(),
      { status: 'EXPIRED', issue: [], release: allocation().lines, reason: 'confirmation-timeout' },
      expect.any(String),
      expect.objectContaining({ action: 'allocation.expire.confirmation-timeout' }),
    );
  });

  it('leaves an allocation a confirmation settled first as it is', async () => {
    const allocations = fakeAllocations({ allocation: allocation({ status: 'PARTIAL' }) });
    const result = await expireAllocation(
      { allocations, stock: fakeStock({}), wake: vi.fn(), clock },
      ALLOCATION_ID,
      'confirmation-timeout',
      actor,
    );
    expect(result.status).toBe('PARTIAL');
    expect(allocations['settle']).not.toHaveBeenCalled();
  });

  it('takes a waitlisted allocation off the waitlist', async () => {
    const allocations = fakeAllocations({ allocation: allocation({ status: 'WAITLISTED' }) });
    const result = await expireAllocation(
      { allocations, stock: fakeStock({}), wake: vi.fn(), clock },
      ALLOCATION_ID,
      'waitlist-timeout',
      actor,
    );
    expect(result.status).toBe('EXPIRED');
    expect(allocations['expireWaitlisted']).toHaveBeenCalled();
  });
});

describe('serveWaitlist', () => {
  const entry = (allocationId: string, registeredAt: string, quantity: number): WaitlistEntry => ({
    ...request({ allocationId, registeredAt, lines: [{ kitType: 'FOOD', quantity }] }),
    taskToken: `token-${allocationId}`,
  });

  it('serves in registration order what the stock allows, skipping one that does not fit, and wakes each', async () => {
    const waiting = [entry('B', '2026-11-02', 1), entry('A', '2026-11-01', 3), entry('C', '2026-11-03', 1)];
    const allocations = fakeAllocations({ waiting });
    const wake = vi.fn(async () => true);
    const served = await serveWaitlist(
      { allocations, stock: fakeStock({ FOOD: 2 }), wake, clock },
      'SITE-1',
      actor,
    );
    expect(served).toEqual(['B', 'C']);
    expect(wake.mock.calls).toEqual([
      ['token-B', { status: 'RESERVED' }],
      ['token-C', { status: 'RESERVED' }],
    ]);
  });

  it('reads no waitlist when nothing is available', async () => {
    const allocations = fakeAllocations({ waiting: [entry('A', '2026-11-01', 1)] });
    expect(
      await serveWaitlist(
        { allocations, stock: fakeStock({ FOOD: 0 }), wake: vi.fn(), clock },
        'SITE-1',
        actor,
      ),
    ).toEqual([]);
    expect(allocations['waiting']).not.toHaveBeenCalled();
  });

  it('gives the kits back when nobody waits for them any more (stopped execution)', async () => {
    const allocations = fakeAllocations({ waiting: [entry('A', '2026-11-01', 1)] });
    const wake = vi.fn(async () => false);
    await serveWaitlist({ allocations, stock: fakeStock({ FOOD: 1 }), wake, clock }, 'SITE-1', actor);
    expect(allocations['settle']).toHaveBeenCalledWith(
      expect.objectContaining({ allocationId: 'A', status: 'RESERVED' }),
      { status: 'EXPIRED', issue: [], release: [{ kitType: 'FOOD', quantity: 1 }], reason: 'workflow-gone' },
      expect.any(String),
      expect.objectContaining({ action: 'allocation.expire.workflow-gone' }),
    );
  });
});
