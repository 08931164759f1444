import type { JSONValue } from '@aws-lambda-powertools/commons/types';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyValidationError,
  makeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context } from 'aws-lambda';
import { dynamoDbClient } from '../clients/dynamodb.ts';
import { requireEnv } from '../env.ts';
import { IdempotencyInProgressError, IdempotencyKeyMismatchError } from '../errors/http-errors.ts';

/** Retries of a form, a Kobo push or an S3 notification come within hours; a day is ample. */
export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export interface RunOnceOptions {
  /** Namespace of the keys (a route key or a task name), so two operations never collide. */
  scope: string;
  expiresAfterSeconds?: number;
  /** Defaults to DynamoDB on IDEMPOTENCY_TABLE (partition key `id`, TTL `expiration`). */
  persistenceStore?: BasePersistenceLayer;
}

/** Runs `work` once per key; a repeat returns the first result, whatever `work` would do now. */
export type RunOnce = <T extends JSONValue>(
  key: string,
  fingerprint: JSONValue | undefined,
  work: () => Promise<T>,
  lambdaContext?: Context,
) => Promise<T>;

interface Envelope {
  key: string;
  request: JSONValue | null;
}

/**
 * Idempotency through Powertools, for any operation. The key is what identifies a repeat
 * (Idempotency-Key header, Kobo `_uuid`, S3 key and version); the fingerprint is what must not
 * change between repeats (the request body): a repeat with another fingerprint is refused.
 */
export function runOnce(options: RunOnceOptions): RunOnce {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'request',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: options.expiresAfterSeconds ?? DEFAULT_IDEMPOTENCY_TTL_SECONDS,
  });
  let idempotent: ((envelope: Envelope, work: () => Promise<JSONValue>) => Promise<JSONValue>) | undefined;

  // Built on first use, so the table name is read from the environment at run time.
  const build = () =>
    makeIdempotent(async (_envelope: Envelope, work: () => Promise<JSONValue>) => work(), {
      persistenceStore:
        options.persistenceStore ??
        new DynamoDBPersistenceLayer({
          tableName: requireEnv('IDEMPOTENCY_TABLE'),
          awsSdkV3Client: dynamoDbClient,
        }),
      config,
      keyPrefix: options.scope,
      dataIndexArgument: 0,
    });

  return async (key, fingerprint, work, lambdaContext) => {
    idempotent ??= build();
    if (lambdaContext) config.registerLambdaContext(lambdaContext);
    try {
      return (await idempotent({ key, request: fingerprint ?? null }, work)) as Awaited<
        ReturnType<typeof work>
      >;
    } catch (error) {
      if (error instanceof IdempotencyValidationError)
        throw new IdempotencyKeyMismatchError({ cause: error });
      if (error instanceof IdempotencyAlreadyInProgressError)
        throw new IdempotencyInProgressError({ cause: error });
      throw error;
    }
  };
}
