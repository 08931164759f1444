/**
 * Stands in for `@aws-lambda-powertools/idempotency` in the Lambda bundles (an esbuild alias set
 * by AppFunction; the type checker, unit tests and local tools keep the real package). It runs
 * Powertools' protocol for what functions/shared/idempotency/run-once.ts uses: `IdempotencyConfig`
 * (key and payload-validation expressions, throwOnNoIdempotencyKey, expiresAfterSeconds,
 * hashFunction, the Lambda context), `makeIdempotent` with a keyPrefix and dataIndexArgument, the
 * DynamoDB persistence layer (./dynamodb.ts) and the errors: the same records, hashes, conditional
 * writes, retries on an inconsistent state and errors, POWERTOOLS_IDEMPOTENCY_DISABLED included.
 *
 * Why: the real package with its local LRU cache, middy middleware, durable-function support,
 * cache persistence and response hooks is ≈ 22 KB of each idempotent bundle (with the parts of
 * commons it brings), five of them over the 128 KB staff-path budget (issue 11).
 *
 * Expressions go through the field-name JMESPath stand-in (../jmespath, checked against the real
 * library by its own test). Local cache, response hook and custom JMESPath functions throw
 * UnsupportedPowertoolsUseError;
 * test/unit/bundling/powertools-idempotency.test.ts runs the same calls through both packages
 * and compares the DynamoDB commands, results and errors, and
 * test/integration/bundling/idempotency-contract.test.ts does so against DynamoDB Local.
 */

import type { Context } from 'aws-lambda';
import { PowertoolsFunctions } from '../jmespath/functions.ts';
import { search } from '../jmespath/index.ts';
import { envBoolean, refuseOptions } from '../powertools-env.ts';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyInconsistentStateError,
  IdempotencyPersistenceLayerError,
  IdempotencyUnknownError,
} from './errors.ts';
import type { BasePersistenceLayer } from './persistence.ts';
import { type IdempotencyRecord, IdempotencyRecordStatus } from './record.ts';

export * from './errors.ts';
export { IdempotencyRecordStatus };

const MAX_RETRIES = 2;
const SUPPORTED_OPTIONS = [
  'eventKeyJmesPath',
  'payloadValidationJmesPath',
  'throwOnNoIdempotencyKey',
  'expiresAfterSeconds',
  'hashFunction',
  'lambdaContext',
];

interface IdempotencyConfigOptions {
  eventKeyJmesPath?: string;
  payloadValidationJmesPath?: string;
  throwOnNoIdempotencyKey?: boolean;
  expiresAfterSeconds?: number;
  hashFunction?: string;
  lambdaContext?: Context;
}

export class IdempotencyConfig {
  eventKeyJmesPath: string;
  payloadValidationJmesPath: string | undefined;
  jmesPathOptions: { customFunctions: object };
  throwOnNoIdempotencyKey: boolean;
  expiresAfterSeconds: number;
  useLocalCache = false;
  maxLocalCacheSize = 1000;
  hashFunction: string;
  lambdaContext: Context | undefined;
  #enabled: boolean;

  constructor(config: IdempotencyConfigOptions) {
    refuseOptions('IdempotencyConfig', config, SUPPORTED_OPTIONS);
    this.eventKeyJmesPath = config.eventKeyJmesPath ?? '';
    this.payloadValidationJmesPath = config.payloadValidationJmesPath;
    this.jmesPathOptions = { customFunctions: new PowertoolsFunctions() };
    this.throwOnNoIdempotencyKey = config.throwOnNoIdempotencyKey ?? false;
    this.expiresAfterSeconds = config.expiresAfterSeconds ?? 3600;
    this.hashFunction = config.hashFunction ?? 'md5';
    this.lambdaContext = config.lambdaContext;
    this.#enabled = !envBoolean('POWERTOOLS_IDEMPOTENCY_DISABLED', false, true);
  }

  isEnabled(): boolean {
    return this.#enabled;
  }

  registerLambdaContext(context: Context): void {
    this.lambdaContext = context;
  }
}

interface MakeIdempotentOptions {
  persistenceStore: BasePersistenceLayer;
  config?: IdempotencyConfig;
  keyPrefix?: string;
  dataIndexArgument?: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function resultOf(record: IdempotencyRecord): unknown {
  const status = record.getStatus();
  if (status === IdempotencyRecordStatus.EXPIRED)
    throw new IdempotencyInconsistentStateError(
      'Item has expired during processing and may not longer be valid.',
    );
  if (status === IdempotencyRecordStatus.INPROGRESS) {
    // getUTCMilliseconds (0–999), as Powertools compares: in effect never true.
    if (
      record.inProgressExpiryTimestamp &&
      record.inProgressExpiryTimestamp < new Date().getUTCMilliseconds()
    )
      throw new IdempotencyInconsistentStateError(
        'Item is in progress but the in progress expiry timestamp has expired.',
      );
    throw new IdempotencyAlreadyInProgressError(
      `There is already an execution in progress with idempotency key: ${record.idempotencyKey}${record.sortKey ? ` and sort key: ${record.sortKey}` : ''}`,
    );
  }
  return record.getResponse();
}

/** IdempotencyHandler.handle: claim the key, or answer from the record; retried on an inconsistent state. */
async function handle(
  this: unknown,
  fn: (...args: unknown[]) => unknown,
  args: unknown[],
  payload: unknown,
  options: MakeIdempotentOptions & { config: IdempotencyConfig },
  isReplay: boolean,
): Promise<unknown> {
  const { persistenceStore: store, config } = options;
  store.configure({ config, ...(options.keyPrefix === undefined ? {} : { keyPrefix: options.keyPrefix }) });
  const skip =
    !config.isEnabled() ||
    (config.eventKeyJmesPath !== '' &&
      !config.throwOnNoIdempotencyKey &&
      search(config.eventKeyJmesPath, payload as never, config.jmesPathOptions as never) == null);
  if (skip) return await fn.apply(this, args);
  let failure: unknown;
  for (let retry = 0; retry <= MAX_RETRIES; retry++) {
    try {
      try {
        await store.saveInProgress(payload, config.lambdaContext?.getRemainingTimeInMillis());
      } catch (error) {
        if (!(error instanceof Error))
          throw new IdempotencyUnknownError('An unknown error occurred while processing the request.', {
            cause: error,
          });
        if (error.name !== 'IdempotencyItemAlreadyExistsError')
          throw new IdempotencyPersistenceLayerError(
            'Failed to save in progress record to idempotency store',
            {
              cause: error,
            },
          );
        if (!isReplay) {
          const existing = (error as Error & { existingRecord?: IdempotencyRecord }).existingRecord;
          const record =
            existing === undefined
              ? await store.getRecord(payload)
              : store.processExistingRecord(existing, payload);
          return resultOf(record);
        }
      }
      let result: unknown;
      try {
        result = await fn.apply(this, args);
      } catch (error) {
        try {
          await store.deleteRecord(payload);
        } catch (deleteError) {
          throw new IdempotencyPersistenceLayerError('Failed to delete record from idempotency store', {
            cause: deleteError,
          });
        }
        throw error;
      }
      try {
        await store.saveSuccess(payload, result);
      } catch (error) {
        throw new IdempotencyPersistenceLayerError('Failed to update success record to idempotency store', {
          cause: error,
        });
      }
      return result;
    } catch (error) {
      if (!(error instanceof Error))
        throw new IdempotencyUnknownError('An unknown error occurred while processing the request.', {
          cause: error,
        });
      if (error.name === 'IdempotencyInconsistentStateError' && retry < MAX_RETRIES) continue;
      failure = error;
      break;
    }
  }
  throw failure;
}

export function makeIdempotent<F extends (...args: never[]) => unknown>(
  fn: F,
  options: MakeIdempotentOptions,
): F {
  const config = options.config ?? new IdempotencyConfig({});
  if (!config.isEnabled()) return fn;
  return function (this: unknown, ...args: unknown[]) {
    const second = args[1];
    let payload: unknown;
    if (isObject(second) && ('getRemainingTimeInMillis' in second || 'step' in second)) {
      config.registerLambdaContext((second['lambdaContext'] || second) as Context);
      payload = args[0];
    } else if ('dataIndexArgument' in options) {
      payload = args[options.dataIndexArgument as number];
    } else {
      payload = args[0];
    }
    const isReplay =
      (second as { durableExecutionMode?: unknown } | undefined)?.durableExecutionMode === 'ReplayMode';
    return handle.call(
      this,
      fn as unknown as (...args: unknown[]) => unknown,
      args,
      payload,
      { ...options, config },
      isReplay,
    );
  } as unknown as F;
}
