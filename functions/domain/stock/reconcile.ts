import { DomainError } from '../errors/domain-error.ts';
import { EMPTY_BALANCE, type StockBalance, type StockMovement } from './stock-movement.ts';

/** A movement that would take a balance below zero; the ledger must never hold one. */
export class StockBelowZeroError extends DomainError {
  constructor(
    readonly movement: StockMovement,
    readonly balance: StockBalance,
  ) {
    super({
      status: 409,
      code: 'STOCK_INSUFFICIENT',
      message: {
        fr: `Stock insuffisant : ${movement.type} de ${movement.quantity} ${movement.kitType} refusé.`,
        en: `Not enough stock: ${movement.type} of ${movement.quantity} ${movement.kitType} refused.`,
      },
      params: { movementType: movement.type, kitType: movement.kitType, quantity: movement.quantity },
    });
    this.name = 'StockBelowZeroError';
  }
}

/** A movement with a quantity that is not a positive whole number (or a zero adjustment). */
export class InvalidMovementError extends DomainError {
  constructor(readonly movement: StockMovement) {
    super({
      status: 400,
      code: 'STOCK_MOVEMENT_INVALID',
      message: {
        fr: 'La quantité doit être un nombre entier positif.',
        en: 'The quantity must be a positive whole number.',
      },
      params: { movementType: movement.type, kitType: movement.kitType },
    });
    this.name = 'InvalidMovementError';
  }
}

/** Applies one movement; throws {@link StockBelowZeroError} if available or reserved would go negative. */
export function applyMovement(balance: StockBalance, movement: StockMovement): StockBalance {
  const q = movement.quantity;
  const valid = Number.isInteger(q) && (movement.type === 'COUNT_ADJUSTMENT' ? q !== 0 : q > 0);
  if (!valid) throw new InvalidMovementError(movement);
  const next = { ...balance };
  switch (movement.type) {
    case 'RECEIPT':
      next.received += q;
      next.available += q;
      break;
    case 'RESERVATION':
      next.available -= q;
      next.reserved += q;
      break;
    case 'ISSUE':
      next.reserved -= q;
      next.distributed += q;
      break;
    case 'RELEASE':
      next.reserved -= q;
      next.available += q;
      break;
    case 'LOSS':
      next.available -= q;
      next.lost += q;
      break;
    case 'COUNT_ADJUSTMENT':
      next.available += q;
      next.adjusted += q;
      break;
  }
  if (next.available < 0 || next.reserved < 0) throw new StockBelowZeroError(movement, balance);
  return next;
}

/**
 * Folds a ledger (one site, one kit type, in order) into balances. The result always satisfies
 * {@link ledgerInvariantHolds}: received + adjusted − distributed − reserved − lost = available.
 */
export function reconcile(movements: readonly StockMovement[]): StockBalance {
  return movements.reduce(applyMovement, EMPTY_BALANCE);
}

/** Balances per kit type for the movements of one site. */
export function reconcileByKitType(movements: readonly StockMovement[]): Record<string, StockBalance> {
  const byKit: Record<string, StockBalance> = {};
  for (const movement of movements)
    byKit[movement.kitType] = applyMovement(byKit[movement.kitType] ?? EMPTY_BALANCE, movement);
  return byKit;
}

/** receipts (net of count adjustments) − issues − reserved − losses = available. */
export function ledgerInvariantHolds(balance: StockBalance): boolean {
  return (
    balance.received + balance.adjusted - balance.distributed - balance.reserved - balance.lost ===
    balance.available
  );
}
