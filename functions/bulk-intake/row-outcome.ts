/** What happened to one row of a partner file. */
export type RowStatus = 'REGISTERED' | 'DUPLICATE' | 'INVALID';

/** A field-level reason, in both working languages; never the value that was refused. */
export interface RowReason {
  field: string;
  fr: string;
  en: string;
}

/**
 * The outcome of a row: what the report prints and the idempotency store keeps, so identifiers
 * and messages only.
 */
export interface RowOutcome {
  status: RowStatus;
  /** The household created (REGISTERED) or the one already holding this identity (DUPLICATE). */
  householdId?: string | undefined;
  reasons?: RowReason[] | undefined;
}

/** Which counter of the upload a status moves. */
export const COUNTER_OF: Readonly<Record<RowStatus, 'registered' | 'duplicate' | 'invalid'>> = {
  REGISTERED: 'registered',
  DUPLICATE: 'duplicate',
  INVALID: 'invalid',
};
