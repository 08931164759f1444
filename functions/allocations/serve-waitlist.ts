import { serveWaitlist as planWaitlist } from '#domain/kits/waitlist.ts';
import { kitCount } from '#domain/stock/low-stock.ts';
import type { AuditActor } from '#shared/audit/audit-event.ts';
import { reportStockLevel } from '../stock/stock-level.ts';
import type { KitDeps } from './kit-deps.ts';

/**
 * Serves a site's waitlist from what is available now, in registration order: each allocation
 * the domain picks is reserved in its own transaction (conditional on stock, so a concurrent
 * reservation can only make it fail, never overdraw) and its waiting workflow step is woken.
 * Called after anything that adds available stock, and after an allocation joins the waitlist,
 * so whichever of the two writes comes last sees the other. Returns the allocations served; when
 * there are any, the site's stock level is published (callers publish it otherwise).
 */
export async function serveWaitlist(
  deps: Pick<KitDeps, 'stock' | 'allocations' | 'wake' | 'clock'>,
  siteId: string,
  actor: AuditActor,
): Promise<string[]> {
  const balances = await deps.stock.balances(siteId);
  const available = Object.fromEntries(
    Object.entries(balances).map(([kit, balance]) => [kit, balance.available]),
  );
  if (!Object.values(available).some((quantity) => quantity > 0)) return [];
  const waiting = await deps.allocations.waiting(siteId);
  const { served } = planWaitlist(waiting, available);
  const reserved: string[] = [];
  let takenOut = 0;
  for (const allocationId of served) {
    const entry = waiting.find((candidate) => candidate.allocationId === allocationId);
    if (!entry) continue;
    const at = deps.clock.now().toISOString();
    const outcome = await deps.allocations.serveFromWaitlist(entry, at, {
      ...actor,
      action: 'allocation.reserve-from-waitlist',
      entityType: 'allocation',
      entityId: allocationId,
      relatedIds: { householdId: entry.householdId, siteId },
    });
    if (outcome !== 'RESERVED') continue;
    reserved.push(allocationId);
    takenOut += kitCount(entry.lines);
    if (entry.taskToken && !(await deps.wake(entry.taskToken, { status: 'RESERVED' }))) {
      // Nobody waits for these kits any more (the execution was stopped, or its wait timed out and
      // its own release may race this one: the settlement is conditional, so only one applies).
      await deps.allocations.settle(
        { ...entry, status: 'RESERVED', createdAt: at, updatedAt: at },
        { status: 'EXPIRED', issue: [], release: entry.lines, reason: 'workflow-gone' },
        deps.clock.now().toISOString(),
        {
          ...actor,
          action: 'allocation.expire.workflow-gone',
          entityType: 'allocation',
          entityId: allocationId,
        },
      );
      // Back to available, by this settlement or by the release it raced.
      takenOut -= kitCount(entry.lines);
    }
  }
  if (reserved.length > 0) await reportStockLevel(deps, siteId, takenOut);
  return reserved;
}
