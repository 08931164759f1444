/**
 * Kinds of stock movement. RECEIPT adds to available; RESERVATION moves available to reserved;
 * ISSUE moves reserved to distributed; RELEASE moves reserved back to available; LOSS removes from
 * available; COUNT_ADJUSTMENT corrects available (signed) after a physical count.
 */
export const MOVEMENT_TYPES = [
  'RECEIPT',
  'RESERVATION',
  'ISSUE',
  'RELEASE',
  'LOSS',
  'COUNT_ADJUSTMENT',
] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];

/** One append-only ledger entry for a site and kit type. */
export interface StockMovement {
  type: MovementType;
  kitType: string;
  /** Positive, except a COUNT_ADJUSTMENT, whose sign is the correction. */
  quantity: number;
  at: string;
  /** Allocation, receipt or count the movement belongs to. */
  reference?: string;
}

/** Balances of a site and kit type. */
export interface StockBalance {
  available: number;
  reserved: number;
  distributed: number;
  received: number;
  lost: number;
  /** Net of count adjustments. */
  adjusted: number;
}

/** The balance of a ledger with no movement. */
export const EMPTY_BALANCE: StockBalance = {
  available: 0,
  reserved: 0,
  distributed: 0,
  received: 0,
  lost: 0,
  adjusted: 0,
};
