import { generateVoucherCode } from '#domain/kits/voucher-code.ts';
import { voucherQrPayload } from '#domain/kits/voucher-qr-payload.ts';
import type { AuditActor } from '#shared/audit/audit-event.ts';
import type { KitDeps } from './kit-deps.ts';

/** Stores a voucher's QR image; returns its key. */
export type StoreQrImage = (allocationId: string, payload: string) => Promise<string>;

/** A fresh code is drawn again on the (2^-45) chance that it is taken. */
const MAX_DRAWS = 5;

/**
 * Gives a RESERVED allocation its voucher: a short unguessable code (CSPRNG, check character) and
 * a QR image of `MAV1|allocationId|code` in the documents bucket. A retried step keeps the first
 * voucher. The code never enters the workflow: only the household and site staff see it.
 */
export async function issueVoucher(
  deps: Pick<KitDeps, 'allocations' | 'clock' | 'random'> & { storeQrImage: StoreQrImage },
  allocationId: string,
  actor: AuditActor,
): Promise<{ allocationId: string; status: string }> {
  const allocation = await deps.allocations.get(allocationId);
  if (!allocation) throw new AllocationMissingError(allocationId);
  if (allocation.status !== 'RESERVED' || allocation.voucherCode)
    return { allocationId, status: allocation.status };
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const code = generateVoucherCode(deps.random);
    const qrKey = await deps.storeQrImage(allocationId, voucherQrPayload(allocationId, code));
    const outcome = await deps.allocations.attachVoucher(
      allocation,
      { code, qrKey },
      deps.clock.now().toISOString(),
      {
        ...actor,
        action: 'allocation.voucher-issued',
        entityType: 'allocation',
        entityId: allocationId,
        relatedIds: { householdId: allocation.householdId, siteId: allocation.siteId },
      },
    );
    if (outcome !== 'CODE_TAKEN') {
      const current =
        outcome === 'ISSUED' ? allocation.status : (await deps.allocations.get(allocationId))?.status;
      return { allocationId, status: current ?? allocation.status };
    }
  }
  throw new VoucherCodeExhaustedError(allocationId);
}

/** The workflow names an allocation that does not exist: a bug, not a retryable fault. */
export class AllocationMissingError extends Error {
  constructor(readonly allocationId: string) {
    super(`Allocation ${allocationId} not found`);
    this.name = 'AllocationMissingError';
  }
}

export class VoucherCodeExhaustedError extends Error {
  constructor(readonly allocationId: string) {
    super(`No free voucher code after ${MAX_DRAWS} draws for ${allocationId}`);
    this.name = 'VoucherCodeExhaustedError';
  }
}
