/** Powertools idempotency's errors (lib/esm/errors.js): same classes, names and members. */
import type { IdempotencyRecord } from './record.ts';

export class IdempotencyUnknownError extends Error {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IdempotencyUnknownError';
  }
}

/** An error that carries the record found in the store (never thrown itself: each subclass names itself). */
abstract class RecordError extends IdempotencyUnknownError {
  existingRecord: IdempotencyRecord | undefined;
  constructor(message?: string, existingRecord?: IdempotencyRecord, options?: ErrorOptions) {
    super(message, options);
    this.existingRecord = existingRecord;
  }
}

export class IdempotencyItemAlreadyExistsError extends RecordError {
  constructor(message?: string, existingRecord?: IdempotencyRecord, options?: ErrorOptions) {
    super(message, existingRecord, options);
    this.name = 'IdempotencyItemAlreadyExistsError';
  }
}
export class IdempotencyAlreadyInProgressError extends RecordError {
  constructor(message?: string, existingRecord?: IdempotencyRecord, options?: ErrorOptions) {
    super(message, existingRecord, options);
    this.name = 'IdempotencyAlreadyInProgressError';
  }
}
export class IdempotencyValidationError extends RecordError {
  constructor(message?: string, existingRecord?: IdempotencyRecord, options?: ErrorOptions) {
    super(message, existingRecord, options);
    this.name = 'IdempotencyValidationError';
  }
}

export class IdempotencyItemNotFoundError extends IdempotencyUnknownError {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IdempotencyItemNotFoundError';
  }
}
export class IdempotencyInvalidStatusError extends IdempotencyUnknownError {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IdempotencyInvalidStatusError';
  }
}
export class IdempotencyInconsistentStateError extends IdempotencyUnknownError {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IdempotencyInconsistentStateError';
  }
}
export class IdempotencyPersistenceLayerError extends IdempotencyUnknownError {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IdempotencyPersistenceLayerError';
  }
}
export class IdempotencyKeyError extends IdempotencyUnknownError {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'IdempotencyKeyError';
  }
}
