import type { AuditActor } from '#shared/audit/audit-event.ts';
import type { KitDeps } from './kit-deps.ts';
import { AllocationMissingError, issueVoucher } from './voucher-issue.ts';

/**
 * Parks the confirmation step: its token goes on the voucher, where the confirmation request
 * finds it. If the voucher was already used (a confirmation came first) or expired, the step is
 * answered at once with the allocation's status.
 */
export async function awaitConfirmation(
  deps: Pick<KitDeps, 'allocations' | 'wake'>,
  allocationId: string,
  taskToken: string,
): Promise<{ allocationId: string; waiting: boolean }> {
  const allocation = await deps.allocations.get(allocationId);
  if (!allocation) throw new AllocationMissingError(allocationId);
  if (allocation.status === 'RESERVED' && allocation.voucherCode) {
    if (await deps.allocations.storeVoucherToken(allocation.voucherCode, taskToken))
      return { allocationId, waiting: true };
  }
  const current = (await deps.allocations.get(allocationId)) ?? allocation;
  await deps.wake(taskToken, { status: current.status });
  return { allocationId, waiting: false };
}

/**
 * The "Wait for confirmation" step: issues the voucher of a RESERVED allocation (a retry keeps the
 * first), then parks the step's token on it. Issuing and parking used to be two workflow states
 * back to back; one Lambda saves a billed state transition per household served.
 */
export async function issueVoucherAndAwaitConfirmation(
  deps: Parameters<typeof issueVoucher>[0] & Pick<KitDeps, 'wake'>,
  allocationId: string,
  taskToken: string,
  actor: AuditActor,
): Promise<{ allocationId: string; waiting: boolean }> {
  await issueVoucher(deps, allocationId, actor);
  return awaitConfirmation(deps, allocationId, taskToken);
}
