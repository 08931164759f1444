import type { AuditActor } from '#shared/audit/audit-event.ts';
import type { KitDeps } from '../allocations/kit-deps.ts';
import { serveWaitlist } from '../allocations/serve-waitlist.ts';
import type { StockReceipt } from '../schemas/stock.ts';
import { reportStockLevel } from './stock-level.ts';

/**
 * Records kits delivered to a site (balances, RECEIPT movements and audit in one transaction),
 * then serves the site's waitlist in registration order with what arrived.
 */
export async function receiveStock(
  deps: Pick<KitDeps, 'stock' | 'allocations' | 'wake' | 'clock' | 'newId'>,
  input: { siteId: string; receipt: StockReceipt; actor: AuditActor },
): Promise<{ receiptId: string; siteId: string; servedFromWaitlist: string[] }> {
  const receiptId = deps.newId();
  const at = input.receipt.receivedAt ?? deps.clock.now().toISOString();
  await deps.stock.receive(
    { siteId: input.siteId, receiptId, lines: input.receipt.lines, at },
    {
      ...input.actor,
      action: 'stock.receipt',
      entityType: 'stock-receipt',
      entityId: receiptId,
      relatedIds: { siteId: input.siteId },
    },
  );
  const servedFromWaitlist = await serveWaitlist(deps, input.siteId, input.actor);
  // Serving the waitlist published the level already; a receipt alone cannot make stock low.
  if (servedFromWaitlist.length === 0) await reportStockLevel(deps, input.siteId, 0);
  return { receiptId, siteId: input.siteId, servedFromWaitlist };
}
