/** Powertools idempotency's IdempotencyRecord (lib/esm/persistence/IdempotencyRecord.js). */
import { IdempotencyInvalidStatusError } from './errors.ts';

export const IdempotencyRecordStatus = {
  INPROGRESS: 'INPROGRESS',
  COMPLETED: 'COMPLETED',
  EXPIRED: 'EXPIRED',
};

export interface RecordFields {
  idempotencyKey: string;
  status: string;
  expiryTimestamp?: number;
  inProgressExpiryTimestamp?: number;
  responseData?: unknown;
  payloadHash?: string;
  sortKey?: string;
}

export class IdempotencyRecord {
  idempotencyKey: string;
  expiryTimestamp: number | undefined;
  inProgressExpiryTimestamp: number | undefined;
  responseData: unknown;
  payloadHash: string | undefined;
  status: string;
  sortKey: string | undefined;

  constructor(fields: RecordFields) {
    this.idempotencyKey = fields.idempotencyKey;
    this.expiryTimestamp = fields.expiryTimestamp;
    this.inProgressExpiryTimestamp = fields.inProgressExpiryTimestamp;
    this.responseData = fields.responseData;
    this.payloadHash = fields.payloadHash;
    this.status = fields.status;
    this.sortKey = fields.sortKey;
  }

  getResponse(): unknown {
    return this.responseData;
  }

  getStatus(): string {
    if (this.isExpired()) return IdempotencyRecordStatus.EXPIRED;
    if (Object.values(IdempotencyRecordStatus).includes(this.status)) return this.status;
    throw new IdempotencyInvalidStatusError(this.status);
  }

  isExpired(): boolean {
    return this.expiryTimestamp !== undefined && Date.now() / 1000 > this.expiryTimestamp;
  }
}
