import { type ConfirmationStatus, settleAllocation } from '#domain/kits/settle-allocation.ts';
import type { AuditActor } from '#shared/audit/audit-event.ts';
import { TaskNoLongerPendingError, VoucherAlreadyUsedError } from '#shared/errors/domain-conflicts.ts';
import { NotFoundError } from '#shared/errors/http-errors.ts';
import type { AllocationRecord } from '../adapters/kits/records.ts';
import type { AllocationConfirmation } from '../schemas/allocation-confirmation.ts';
import { reportStockLevel } from '../stock/stock-level.ts';
import type { KitDeps } from './kit-deps.ts';
import { asAppError, ProofDocumentNotYoursError, VoucherUnknownError } from './kit-errors.ts';
import { serveWaitlist } from './serve-waitlist.ts';

/**
 * Records what happened at the distribution point. The voucher presented must be the one issued
 * for the allocation and still unused; the settlement (issued kits out, the rest back to
 * available, voucher USED) is one transaction, then the waiting workflow step is answered and
 * released kits serve the waitlist.
 */
export async function confirmAllocation(
  deps: Pick<KitDeps, 'stock' | 'allocations' | 'wake' | 'clock'>,
  input: {
    allocationId: string;
    confirmation: AllocationConfirmation;
    actor: AuditActor;
    authorize: (resource: { partnerId?: string }) => void;
  },
): Promise<{
  allocationId: string;
  status: ConfirmationStatus;
  issued: AllocationRecord['lines'];
  released: AllocationRecord['lines'];
}> {
  const { allocationId, confirmation } = input;
  const allocation = await deps.allocations.get(allocationId);
  if (!allocation) throw new NotFoundError({ entityType: 'allocation', entityId: allocationId });
  input.authorize(allocation.partnerId ? { partnerId: allocation.partnerId } : {});
  // Upload URLs put documents under the caller's organisation (documents/create-upload-url.ts).
  const ownPrefix = `documents/${input.actor.partnerId ?? 'staff'}/`;
  if (confirmation.proofDocumentKey && !confirmation.proofDocumentKey.startsWith(ownPrefix))
    throw new ProofDocumentNotYoursError();
  const voucher = await deps.allocations.getVoucher(confirmation.voucherCode);
  if (!voucher || voucher.allocationId !== allocationId) throw new VoucherUnknownError({ allocationId });
  if (voucher.status === 'USED') throw new VoucherAlreadyUsedError();
  if (voucher.status !== 'ISSUED' || allocation.status !== 'RESERVED')
    throw new TaskNoLongerPendingError({ entityType: 'allocation', entityId: allocationId });

  let settlement: ReturnType<typeof settleAllocation>;
  try {
    settlement = settleAllocation(allocation.lines, { status: confirmation.status, kits: confirmation.kits });
  } catch (error) {
    throw asAppError(error);
  }
  const settled = await deps.allocations.settle(
    allocation,
    {
      status: confirmation.status,
      ...settlement,
      voucherCode: voucher.code,
      collector: confirmation.collector,
      proofDocumentKey: confirmation.proofDocumentKey,
      reason: confirmation.reason,
    },
    deps.clock.now().toISOString(),
    {
      ...input.actor,
      action: `allocation.confirm.${confirmation.status.toLowerCase()}`,
      entityType: 'allocation',
      entityId: allocationId,
      relatedIds: { householdId: allocation.householdId, siteId: allocation.siteId },
    },
  );
  if (!settled) {
    // Lost a race: another confirmation used the voucher, or the timeout released the kits.
    const now = await deps.allocations.getVoucher(voucher.code);
    if (now?.status === 'USED') throw new VoucherAlreadyUsedError();
    throw new TaskNoLongerPendingError({ entityType: 'allocation', entityId: allocationId });
  }
  // The step may not be parked yet; it then finds the voucher USED and resumes by itself.
  if (voucher.taskToken) await deps.wake(voucher.taskToken, { status: confirmation.status });
  // Released kits are back in stock: serving the waitlist publishes the level, or it is published here.
  if (
    settlement.release.length > 0 &&
    (await serveWaitlist(deps, allocation.siteId, input.actor)).length === 0
  )
    await reportStockLevel(deps, allocation.siteId, 0);
  return {
    allocationId,
    status: confirmation.status,
    issued: settlement.issue,
    released: settlement.release,
  };
}
