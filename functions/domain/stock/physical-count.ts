import type { StockBalance, StockMovement } from './stock-movement.ts';

/** What a physical count means for the ledger. */
export interface CountReconciliation {
  /** Kits the ledger expects on the shelf: available plus reserved (reserved kits have not left). */
  expected: number;
  counted: number;
  /** The adjustment to append, absent when the count agrees. */
  adjustment?: StockMovement;
  /**
   * Kits missing even from reservations: the count is below what is reserved. Available drops to
   * zero and these reservations need a supervisor (release or loss), since nothing else can cover them.
   */
  reservedShortfall: number;
}

/**
 * Compares a physical count with the ledger and produces the reconciliation entry (a
 * COUNT_ADJUSTMENT on available) when they differ. The adjustment never makes available negative.
 */
export function reconcileCount(
  balance: StockBalance,
  count: { kitType: string; counted: number; countedAt: string; reference?: string },
): CountReconciliation {
  const expected = balance.available + balance.reserved;
  const difference = count.counted - expected;
  const correction = Math.max(difference, -balance.available);
  const reservedShortfall = correction - difference;
  const result: CountReconciliation = { expected, counted: count.counted, reservedShortfall };
  if (correction !== 0) {
    result.adjustment = {
      type: 'COUNT_ADJUSTMENT',
      kitType: count.kitType,
      quantity: correction,
      at: count.countedAt,
      ...(count.reference !== undefined && { reference: count.reference }),
    };
  }
  return result;
}
