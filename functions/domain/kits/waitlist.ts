import type { KitLine } from './entitlement.ts';

/** An allocation waiting for stock, with when its household registered. */
export interface WaitlistedAllocation {
  allocationId: string;
  registeredAt: string;
  lines: readonly KitLine[];
}

/**
 * Which waitlisted allocations a site's available stock can now serve, in registration order
 * (ties by allocation id). An allocation is served only whole; one that does not fit keeps its place
 * and the next one is tried, so a household waiting for a kit that did not arrive blocks no one.
 */
export function serveWaitlist(
  waitlist: readonly WaitlistedAllocation[],
  available: Readonly<Record<string, number>>,
): { served: string[]; stillWaiting: string[]; remaining: Record<string, number> } {
  const remaining = { ...available };
  const served: string[] = [];
  const stillWaiting: string[] = [];
  const ordered = [...waitlist].sort(
    (a, b) => a.registeredAt.localeCompare(b.registeredAt) || a.allocationId.localeCompare(b.allocationId),
  );
  for (const allocation of ordered) {
    const fits = allocation.lines.every((line) => (remaining[line.kitType] ?? 0) >= line.quantity);
    if (!fits) {
      stillWaiting.push(allocation.allocationId);
      continue;
    }
    for (const line of allocation.lines)
      remaining[line.kitType] = (remaining[line.kitType] ?? 0) - line.quantity;
    served.push(allocation.allocationId);
  }
  return { served, stillWaiting, remaining };
}
