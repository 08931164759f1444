import { describe, expect, it, vi } from 'vitest';
import type { AllocationStore } from '../../../functions/adapters/kits/allocation-store.ts';
import type { AllocationRecord } from '../../../functions/adapters/kits/records.ts';
import { issueVoucherAndAwaitConfirmation } from '../../../functions/allocations/confirmation-wait.ts';
import { ALLOCATION_ID, actor, allocation } from './kit-fixtures.ts';

const clock = { now: () => new Date('2026-11-26T08:00:00Z') };
const random = { bytes: (size: number) => new Uint8Array(size).fill(7) };

/** An allocation store holding one allocation; attaching a voucher updates it as DynamoDB would. */
function fakeAllocations(initial: AllocationRecord) {
  let current = initial;
  return {
    get: vi.fn(async () => current),
    attachVoucher: vi.fn(async (_record: AllocationRecord, voucher: { code: string }) => {
      current = { ...current, voucherCode: voucher.code };
      return 'ISSUED' as const;
    }),
    storeVoucherToken: vi.fn(async () => current.status === 'RESERVED'),
  } as unknown as AllocationStore & Record<string, ReturnType<typeof vi.fn>>;
}

const run = (record: AllocationRecord) => {
  const allocations = fakeAllocations(record);
  const wake = vi.fn(async () => true);
  const storeQrImage = vi.fn(async (allocationId: string) => `vouchers/${allocationId}.svg`);
  const promise = issueVoucherAndAwaitConfirmation(
    { allocations, wake, clock, random, storeQrImage },
    ALLOCATION_ID,
    'confirm-token',
    actor,
  );
  return { promise, allocations, wake, storeQrImage };
};

describe('issueVoucherAndAwaitConfirmation ("Wait for confirmation")', () => {
  it('issues the voucher of a reserved allocation, then parks the token on that voucher', async () => {
    const { promise, allocations, wake, storeQrImage } = run(allocation({ voucherCode: undefined }));
    expect(await promise).toEqual({ allocationId: ALLOCATION_ID, waiting: true });
    expect(storeQrImage).toHaveBeenCalledOnce();
    const [[, voucher]] = vi.mocked(allocations.attachVoucher).mock.calls as unknown as [
      [unknown, { code: string }],
    ];
    const code = voucher.code;
    expect(allocations['storeVoucherToken']).toHaveBeenCalledWith(code, 'confirm-token');
    expect(wake).not.toHaveBeenCalled();
  });

  it('keeps the voucher a previous attempt issued, and waits on it', async () => {
    const { promise, allocations, storeQrImage } = run(allocation());
    expect(await promise).toEqual({ allocationId: ALLOCATION_ID, waiting: true });
    expect(storeQrImage).not.toHaveBeenCalled();
    expect(allocations['storeVoucherToken']).toHaveBeenCalledWith('3469A-CDEFGH', 'confirm-token');
  });

  it('answers at once with the status of an allocation an earlier dispatch settled', async () => {
    const { promise, allocations, wake, storeQrImage } = run(allocation({ status: 'DISTRIBUTED' }));
    expect(await promise).toEqual({ allocationId: ALLOCATION_ID, waiting: false });
    expect(storeQrImage).not.toHaveBeenCalled();
    expect(allocations['storeVoucherToken']).not.toHaveBeenCalled();
    expect(wake).toHaveBeenCalledWith('confirm-token', { status: 'DISTRIBUTED' });
  });
});
