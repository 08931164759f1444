import { reconcileCount } from '#domain/stock/physical-count.ts';
import { EMPTY_BALANCE } from '#domain/stock/stock-movement.ts';
import type { AuditActor } from '#shared/audit/audit-event.ts';
import { ConflictError } from '#shared/errors/http-errors.ts';
import { TransactionRefusedError } from '../adapters/kits/transact.ts';
import type { KitDeps } from '../allocations/kit-deps.ts';
import { serveWaitlist } from '../allocations/serve-waitlist.ts';
import type { StockCount } from '../schemas/stock.ts';
import { reportStockLevel } from './stock-level.ts';

/** Stock moved between reading the balances and applying the count: count again. */
export class StockMovedDuringCountError extends ConflictError {
  constructor(options: { siteId: string; cause: unknown }) {
    super({
      code: 'STOCK_MOVED_DURING_COUNT',
      message: {
        fr: 'Le stock a changé pendant l’enregistrement du comptage. Renvoyez le comptage.',
        en: 'Stock changed while the count was being recorded. Send the count again.',
      },
      params: { siteId: options.siteId },
      cause: options.cause,
    });
    this.name = 'StockMovedDuringCountError';
  }
}

/**
 * Records a physical count. Per kit, the domain compares it with the ledger (available plus
 * reserved are on the shelf) and a difference becomes a COUNT_ADJUSTMENT entry. A count below
 * what is reserved is reported as a shortfall for a supervisor, never taken out of reservations.
 */
export async function countStock(
  deps: Pick<KitDeps, 'stock' | 'allocations' | 'wake' | 'clock' | 'newId'>,
  input: { siteId: string; count: StockCount; actor: AuditActor },
) {
  const countId = deps.newId();
  const balances = await deps.stock.balances(input.siteId);
  const kits = input.count.lines.map((line) => {
    const balance = balances[line.kitType] ?? EMPTY_BALANCE;
    const result = reconcileCount(balance, { ...line, countedAt: input.count.countedAt, reference: countId });
    return { kitType: line.kitType, balance, ...result };
  });
  const adjustments = kits.flatMap((kit) =>
    kit.adjustment
      ? [
          {
            kitType: kit.kitType,
            correction: kit.adjustment.quantity,
            seen: { available: kit.balance.available, reserved: kit.balance.reserved },
          },
        ]
      : [],
  );
  try {
    await deps.stock.recordCount(
      {
        siteId: input.siteId,
        countId,
        countedAt: input.count.countedAt,
        at: deps.clock.now().toISOString(),
        lines: input.count.lines,
        adjustments,
      },
      {
        ...input.actor,
        action: 'stock.count',
        entityType: 'stock-count',
        entityId: countId,
        relatedIds: { siteId: input.siteId },
      },
    );
  } catch (error) {
    if (error instanceof TransactionRefusedError)
      throw new StockMovedDuringCountError({ siteId: input.siteId, cause: error });
    throw error;
  }
  const served = adjustments.some((adjustment) => adjustment.correction > 0)
    ? await serveWaitlist(deps, input.siteId, input.actor)
    : [];
  // Kits the count found missing left available: they may be what took the site below its threshold.
  const takenOut = adjustments.reduce((total, adjustment) => total + Math.max(0, -adjustment.correction), 0);
  if (served.length === 0) await reportStockLevel(deps, input.siteId, takenOut);
  return {
    countId,
    siteId: input.siteId,
    kits: kits.map((kit) => ({
      kitType: kit.kitType,
      expected: kit.expected,
      counted: kit.counted,
      adjustment: kit.adjustment?.quantity ?? 0,
      reservedShortfall: kit.reservedShortfall,
    })),
  };
}
