/**
 * Powertools idempotency's BasePersistenceLayer (lib/esm/persistence/BasePersistenceLayer.js)
 * without its local cache, one configuration per layer: keys and payload hashes (deep-sorted JSON, base64 digest), expiry,
 * payload validation and the in-progress and success records.
 */
import { createHash } from 'node:crypto';
import { search } from '../jmespath/index.ts';
import { envString, UnsupportedPowertoolsUseError } from '../powertools-env.ts';
import {
  IdempotencyItemAlreadyExistsError,
  IdempotencyKeyError,
  IdempotencyValidationError,
} from './errors.ts';
import type { IdempotencyConfig } from './index.ts';
import { IdempotencyRecord, IdempotencyRecordStatus } from './record.ts';

/** idempotency's deepSort: object keys sorted case-insensitively, all the way down. */
function deepSort(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(deepSort);
  if (Object.prototype.toString.call(data) !== '[object Object]') return data;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(data as object).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)))
    sorted[key] = deepSort((data as Record<string, unknown>)[key]);
  return sorted;
}

function isMissingIdempotencyKey(data: unknown): boolean {
  if (Array.isArray(data) || typeof data === 'object') {
    if (data === null) return true;
    return !Object.values(data as object).some(Boolean);
  }
  return !data;
}

export abstract class BasePersistenceLayer {
  idempotencyKeyPrefix: string;
  configured = false;
  eventKeyJmesPath: string | undefined;
  expiresAfterSeconds = 60 * 60;
  hashFunction = 'md5';
  payloadValidationEnabled = false;
  throwOnNoIdempotencyKey = false;
  useLocalCache = false;
  validationKeyJmesPath: string | undefined;
  #config: IdempotencyConfig | undefined;
  #keyPrefixBase: string;

  constructor() {
    this.#keyPrefixBase = envString('AWS_LAMBDA_FUNCTION_NAME', '');
    this.idempotencyKeyPrefix = this.#keyPrefixBase;
  }

  configure(options: { config: IdempotencyConfig; keyPrefix?: string; functionName?: string }): void {
    const { config, keyPrefix, functionName } = options;
    if (keyPrefix?.trim()) this.idempotencyKeyPrefix = keyPrefix.trim();
    else if (functionName?.trim())
      this.idempotencyKeyPrefix = `${this.#keyPrefixBase}.${functionName.trim()}`;
    // Powertools ignores another configuration on a configured layer (with a warning when its
    // settings differ); run-once.ts gives each layer one configuration, and the stand-in insists.
    if (this.configured) {
      if (config !== this.#config)
        throw new UnsupportedPowertoolsUseError(
          'A persistence layer in the bundles takes one IdempotencyConfig',
        );
      return;
    }
    this.configured = true;
    this.#config = config;
    this.eventKeyJmesPath = config.eventKeyJmesPath;
    this.validationKeyJmesPath = config.payloadValidationJmesPath;
    this.payloadValidationEnabled = this.validationKeyJmesPath !== undefined;
    this.throwOnNoIdempotencyKey = config.throwOnNoIdempotencyKey || false;
    this.expiresAfterSeconds = config.expiresAfterSeconds;
    this.useLocalCache = config.useLocalCache;
    this.hashFunction = config.hashFunction;
  }

  async deleteRecord(data: unknown): Promise<void> {
    await this._deleteRecord(
      new IdempotencyRecord({
        idempotencyKey: this.getHashedIdempotencyKey(data),
        status: IdempotencyRecordStatus.EXPIRED,
      }),
    );
  }

  async getRecord(data: unknown): Promise<IdempotencyRecord> {
    const record = await this._getRecord(this.getHashedIdempotencyKey(data));
    this.processExistingRecord(record, data);
    return record;
  }

  isPayloadValidationEnabled(): boolean {
    return this.payloadValidationEnabled;
  }

  processExistingRecord(record: IdempotencyRecord, data: unknown): IdempotencyRecord {
    this.validatePayload(data, record);
    return record;
  }

  async saveInProgress(data: unknown, remainingTimeInMillis?: number): Promise<void> {
    const record = new IdempotencyRecord({
      idempotencyKey: this.getHashedIdempotencyKey(data),
      status: IdempotencyRecordStatus.INPROGRESS,
      expiryTimestamp: this.getExpiryTimestamp(),
      payloadHash: this.getHashedPayload(data),
    });
    if (remainingTimeInMillis) record.inProgressExpiryTimestamp = Date.now() + remainingTimeInMillis;
    else
      console.warn(
        'Could not determine remaining time left. Did you call registerLambdaContext on IdempotencyConfig?',
      );
    await this._putRecord(record);
  }

  async saveSuccess(data: unknown, result: unknown): Promise<void> {
    await this._updateRecord(
      new IdempotencyRecord({
        idempotencyKey: this.getHashedIdempotencyKey(data),
        status: IdempotencyRecordStatus.COMPLETED,
        expiryTimestamp: this.getExpiryTimestamp(),
        responseData: result,
        payloadHash: this.getHashedPayload(data),
      }),
    );
  }

  generateHash(data: string): string {
    return createHash(this.hashFunction).update(data).digest('base64');
  }

  getExpiryTimestamp(): number {
    return Math.round(Date.now() / 1000 + this.expiresAfterSeconds);
  }

  getHashedIdempotencyKey(data: unknown): string {
    const payload = this.eventKeyJmesPath
      ? search(this.eventKeyJmesPath, data as never, this.#config?.jmesPathOptions as never)
      : data;
    if (isMissingIdempotencyKey(payload)) {
      if (this.throwOnNoIdempotencyKey)
        throw new IdempotencyKeyError('No data found to create a hashed idempotency_key');
      console.warn(`No value found for idempotency_key. jmespath: ${this.eventKeyJmesPath}`);
    }
    return `${this.idempotencyKeyPrefix}#${this.generateHash(JSON.stringify(deepSort(payload)))}`;
  }

  getHashedPayload(data: unknown): string {
    if (!this.isPayloadValidationEnabled() || !this.validationKeyJmesPath) return '';
    const selected = search(
      this.validationKeyJmesPath,
      data as never,
      this.#config?.jmesPathOptions as never,
    );
    return this.generateHash(JSON.stringify(deepSort(selected)));
  }

  validatePayload(data: unknown, stored: IdempotencyRecord): void {
    if (!this.payloadValidationEnabled) return;
    const hash = data instanceof IdempotencyRecord ? data.payloadHash : this.getHashedPayload(data);
    if (hash !== stored.payloadHash)
      throw new IdempotencyValidationError('Payload does not match stored record for this event key', stored);
  }

  protected abstract _deleteRecord(record: IdempotencyRecord): Promise<void>;
  protected abstract _getRecord(idempotencyKey: string): Promise<IdempotencyRecord>;
  protected abstract _putRecord(record: IdempotencyRecord): Promise<void>;
  protected abstract _updateRecord(record: IdempotencyRecord): Promise<void>;
}

export { IdempotencyItemAlreadyExistsError, IdempotencyRecord };
