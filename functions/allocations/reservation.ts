import { kitCount } from '#domain/stock/low-stock.ts';
import type { AuditActor } from '#shared/audit/audit-event.ts';
import type { AllocationRequest, AllocationStatus } from '../adapters/kits/records.ts';
import { reportStockLevel } from '../stock/stock-level.ts';
import type { KitDeps } from './kit-deps.ts';
import { serveWaitlist } from './serve-waitlist.ts';

/**
 * Reserves a household's kits for a round, or waitlists it. The workflow step waits on
 * `taskToken`: a reservation (now, or later when stock arrives) answers it with RESERVED; an
 * allocation already settled answers with its status, so a repeated dispatch changes nothing.
 */
export async function reserveKits(
  deps: Pick<KitDeps, 'stock' | 'allocations' | 'wake' | 'clock'>,
  request: AllocationRequest,
  taskToken: string,
  actor: AuditActor,
): Promise<{ allocationId: string; status: AllocationStatus }> {
  const at = deps.clock.now().toISOString();
  const event = {
    ...actor,
    entityType: 'allocation',
    entityId: request.allocationId,
    relatedIds: { householdId: request.householdId, siteId: request.siteId },
  };
  const reserved = await deps.allocations.reserve(request, at, { ...event, action: 'allocation.reserve' });
  const outcome =
    reserved === 'OUT_OF_STOCK'
      ? await deps.allocations.waitlist(request, taskToken, at, { ...event, action: 'allocation.waitlist' })
      : reserved;
  if (reserved === 'RESERVED') await reportStockLevel(deps, request.siteId, kitCount(request.lines));
  let status: AllocationStatus;
  if (outcome === 'EXISTS') {
    const existing = await deps.allocations.get(request.allocationId);
    if (!existing) throw new Error('Allocation vanished after its condition failed');
    status = existing.status;
    if (status === 'WAITLISTED' && !(await deps.allocations.refreshWaitlistToken(existing, taskToken))) {
      status = (await deps.allocations.get(request.allocationId))?.status ?? status;
    }
  } else {
    status = outcome;
  }
  if (status === 'WAITLISTED') {
    // A receipt may have landed between the failed reservation and the waitlist write.
    await serveWaitlist(deps, request.siteId, actor);
  } else {
    await deps.wake(taskToken, { status });
  }
  return { allocationId: request.allocationId, status };
}
