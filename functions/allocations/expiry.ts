import type { AuditActor } from '#shared/audit/audit-event.ts';
import type { AllocationStatus } from '../adapters/kits/records.ts';
import { reportStockLevel } from '../stock/stock-level.ts';
import type { KitDeps } from './kit-deps.ts';
import { serveWaitlist } from './serve-waitlist.ts';
import { AllocationMissingError } from './voucher-issue.ts';

/**
 * Closes an allocation whose wait ran out (for stock or for confirmation), or whose workflow
 * failed: a waitlisted one leaves the waitlist, a reserved one gives its kits back to available
 * (and the freed kits serve the waitlist). Either way it ends EXPIRED. An allocation settled
 * meanwhile (a confirmation won the race) is left as it is, and its status returned.
 */
export async function expireAllocation(
  deps: Pick<KitDeps, 'stock' | 'allocations' | 'wake' | 'clock'>,
  allocationId: string,
  reason: string,
  actor: AuditActor,
): Promise<{ allocationId: string; status: AllocationStatus }> {
  // Each pass either changes the allocation or sees it changed by someone else; three suffice
  // (WAITLISTED → RESERVED by a receipt → settled by a confirmation).
  for (let pass = 0; pass < 3; pass++) {
    const allocation = await deps.allocations.get(allocationId);
    if (!allocation) throw new AllocationMissingError(allocationId);
    const at = deps.clock.now().toISOString();
    const event = {
      ...actor,
      action: `allocation.expire.${reason}`,
      entityType: 'allocation',
      entityId: allocationId,
      relatedIds: { householdId: allocation.householdId, siteId: allocation.siteId },
    };
    if (allocation.status === 'WAITLISTED') {
      if (await deps.allocations.expireWaitlisted(allocation, at, event))
        return { allocationId, status: 'EXPIRED' };
      continue;
    }
    if (allocation.status !== 'RESERVED') return { allocationId, status: allocation.status };
    const released = await deps.allocations.settle(
      allocation,
      { status: 'EXPIRED', issue: [], release: allocation.lines, reason },
      at,
      event,
    );
    if (released) {
      // The kits are back in stock: serving the waitlist publishes the level, or it is published here.
      if ((await serveWaitlist(deps, allocation.siteId, actor)).length === 0)
        await reportStockLevel(deps, allocation.siteId, 0);
      return { allocationId, status: 'EXPIRED' };
    }
  }
  throw new Error(`Allocation ${allocationId} kept changing while it expired`);
}
