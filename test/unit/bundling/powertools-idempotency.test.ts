/**
 * The idempotency the Lambda bundles carry instead of @aws-lambda-powertools/idempotency
 * (infra/constructs/bundling/powertools-idempotency) against the real package: the same calls
 * through each, with a DynamoDB client that records every command and answers as the scenario
 * says; the commands (class and input), results, errors and warnings must be the same. The clock
 * is fixed, so expiry timestamps are equal too. test/integration/bundling/idempotency-contract.test.ts
 * does the same against DynamoDB Local.
 */
import { createHash } from 'node:crypto';
import {
  IdempotencyConfig as RealConfig,
  makeIdempotent as realMakeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer as RealLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UnsupportedPowertoolsUseError } from '../../../infra/constructs/bundling/powertools-env.ts';
import { DynamoDBPersistenceLayer as StandInLayer } from '../../../infra/constructs/bundling/powertools-idempotency/dynamodb.ts';
import {
  IdempotencyConfig as StandInConfig,
  makeIdempotent as standInMakeIdempotent,
} from '../../../infra/constructs/bundling/powertools-idempotency/index.ts';

// biome-ignore lint/suspicious/noExplicitAny: the two packages share a surface, not a declared type.
type Any = any;
interface Implementation {
  Config: Any;
  Layer: Any;
  makeIdempotent: Any;
}
const REAL: Implementation = { Config: RealConfig, Layer: RealLayer, makeIdempotent: realMakeIdempotent };
const STAND_IN: Implementation = {
  Config: StandInConfig,
  Layer: StandInLayer,
  makeIdempotent: standInMakeIdempotent,
};

const NOW = Date.parse('2026-11-27T03:04:05.678Z');
type Answer = (command: { constructor: { name: string }; input: Record<string, unknown> }) => unknown;

/** A client Powertools takes for an SDK v3 client; `answers` replies to each command in turn. */
function recordingClient(answers: Answer[], log: unknown[]) {
  let call = 0;
  return {
    config: {},
    middlewareStack: { identify: () => [], addRelativeTo: () => undefined },
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      log.push([command.constructor.name, command.input]);
      const answer = answers[call++] ?? (() => ({}));
      return answer(command);
    },
  };
}

const lambdaContext = { getRemainingTimeInMillis: () => 5000, awsRequestId: 'r-1' } as unknown as Context;

const conditionFailed = (item?: Record<string, unknown>) => () => {
  throw new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: { httpStatusCode: 400 },
    ...(item ? { Item: marshall(item) } : {}),
  });
};

interface Scenario {
  answers: Answer[];
  env?: Record<string, string>;
  config?: Record<string, unknown>;
  withContext?: boolean;
  work?: () => Promise<unknown>;
  calls?: unknown[];
}

const envelope = {
  key: 'POST /stock|user-1|key-1',
  request: { siteId: 'S1', kits: [{ type: 'FOOD', count: 3 }] },
};

/** run-once.ts's use: the envelope as data, a work function as second argument. */
async function run(impl: Implementation, scenario: Scenario) {
  const log: unknown[] = [];
  const warnings: string[] = [];
  const warn = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  });
  Object.assign(process.env, scenario.env ?? {});
  const outcomes: unknown[] = [];
  try {
    const config = new impl.Config({
      eventKeyJmesPath: 'key',
      payloadValidationJmesPath: 'request',
      throwOnNoIdempotencyKey: true,
      expiresAfterSeconds: 86400,
      ...scenario.config,
    });
    const idempotent = impl.makeIdempotent(
      async (_envelope: unknown, work: () => Promise<unknown>) => work(),
      {
        persistenceStore: new impl.Layer({
          tableName: 'idempotency',
          awsSdkV3Client: recordingClient(scenario.answers, log),
        }),
        config,
        keyPrefix: ' POST /stock ',
        dataIndexArgument: 0,
      },
    );
    if (scenario.withContext !== false) config.registerLambdaContext(lambdaContext);
    for (const data of scenario.calls ?? [envelope]) {
      try {
        outcomes.push({
          result: await idempotent(data, scenario.work ?? (async () => ({ statusCode: 201, body: 'ok' }))),
        });
      } catch (error) {
        const { name, message, cause } = error as Error;
        outcomes.push({
          error: { name, message, cause: cause instanceof Error ? `${cause.name}: ${cause.message}` : cause },
          existingRecord: (error as { existingRecord?: unknown }).existingRecord,
        });
      }
    }
  } catch (error) {
    outcomes.push({ threw: `${(error as Error).name}: ${(error as Error).message}` });
  } finally {
    warn.mockRestore();
    for (const key of Object.keys(scenario.env ?? {})) delete process.env[key];
  }
  return { log: JSON.parse(JSON.stringify(log)), outcomes: JSON.parse(JSON.stringify(outcomes)), warnings };
}

async function same(scenario: Scenario) {
  const real = await run(REAL, scenario);
  const standIn = await run(STAND_IN, scenario);
  expect(standIn).toEqual(real);
  return real;
}

// The request's hash as Powertools stores it: base64 MD5 of its JSON, keys sorted (a JMESPath of `request`).
const requestHash = createHash('md5')
  .update(JSON.stringify({ kits: [{ count: 3, type: 'FOOD' }], siteId: 'S1' }))
  .digest('base64');

const stored = (status: string, extra: Record<string, unknown> = {}) => ({
  id: 'POST /stock#placeholder',
  status,
  expiration: NOW / 1000 + 3600,
  validation: requestHash,
  ...extra,
});

describe('bundle stand-in for @aws-lambda-powertools/idempotency', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('claims the key, runs the work and stores its result with the same commands', async () => {
    const real = await same({ answers: [() => ({}), () => ({})] });
    expect(real.log.map((entry: [string]) => entry[0])).toEqual(['PutItemCommand', 'UpdateItemCommand']);
    expect(real.outcomes).toEqual([{ result: { statusCode: 201, body: 'ok' } }]);
  });

  it('answers a repeat from the stored record (ALL_OLD on the failed condition)', async () => {
    const real = await same({
      answers: [conditionFailed(stored('COMPLETED', { data: { statusCode: 201, body: 'first' } }))],
    });
    expect(real.outcomes).toEqual([{ result: { statusCode: 201, body: 'first' } }]);
  });

  it('refuses a repeat with another request, and one still in progress', async () => {
    await same({
      answers: [conditionFailed(stored('COMPLETED', { validation: 'another-hash', data: { body: 'x' } }))],
    });
    await same({ answers: [conditionFailed(stored('INPROGRESS', { in_progress_expiration: NOW + 1000 }))] });
  });

  it('reads the record when the failed condition returns none, and retries an expired one', async () => {
    await same({
      answers: [
        conditionFailed(),
        () => ({ Item: marshall(stored('COMPLETED', { data: { body: 'read' } })) }),
      ],
    });
    await same({ answers: [conditionFailed(), () => ({})] });
    const expired = stored('COMPLETED', { expiration: NOW / 1000 - 10 });
    const real = await same({
      answers: [conditionFailed(expired), conditionFailed(expired), conditionFailed(expired)],
    });
    expect(real.log).toHaveLength(3);
    await same({ answers: [conditionFailed(stored('SOMETHING'))] });
  });

  it('deletes the claim when the work fails, and wraps store failures', async () => {
    const failing = async () => {
      throw new TypeError('work failed');
    };
    await same({ answers: [() => ({}), () => ({})], work: failing });
    await same({
      answers: [
        () => ({}),
        () => {
          throw new Error('delete failed');
        },
      ],
      work: failing,
    });
    await same({
      answers: [
        () => {
          throw new Error('throttled');
        },
      ],
    });
    await same({
      answers: [
        () => ({}),
        () => {
          throw new Error('update failed');
        },
      ],
    });
    await same({
      answers: [() => ({}), () => ({})],
      work: async () => {
        throw 'not an error';
      },
    });
  });

  it('handles missing keys, no Lambda context, other settings and the disabled switch the same way', async () => {
    await same({ answers: [], calls: [{ key: '', request: null }, { request: {} }, null] });
    await same({
      answers: [],
      config: { throwOnNoIdempotencyKey: false },
      calls: [{ key: null, request: {} }],
    });
    await same({ answers: [() => ({}), () => ({})], withContext: false });
    await same({
      answers: [() => ({}), () => ({}), () => ({}), () => ({})],
      config: {
        payloadValidationJmesPath: undefined,
        hashFunction: 'sha256',
        expiresAfterSeconds: undefined,
      },
      calls: [envelope, { key: 'k', request: { b: [{ z: 1, A: 2 }], a: 'x' } }],
    });
    await same({ answers: [], config: { eventKeyJmesPath: undefined }, calls: [envelope] });
    await same({ answers: [], env: { POWERTOOLS_IDEMPOTENCY_DISABLED: 'true' } });
    await same({ answers: [], env: { POWERTOOLS_IDEMPOTENCY_DISABLED: 'maybe' } });
  });

  it('reuses a persistence layer with its one configuration the same way, and refuses another', async () => {
    const scenario = async (impl: Implementation) => {
      const log: unknown[] = [];
      const layer = new impl.Layer({ tableName: 't', awsSdkV3Client: recordingClient([], log) });
      const config = new impl.Config({ eventKeyJmesPath: 'key', expiresAfterSeconds: 60 });
      config.registerLambdaContext(lambdaContext);
      const once = impl.makeIdempotent(async () => 1, { persistenceStore: layer, config });
      for (const key of ['a', 'b']) await once({ key });
      return JSON.parse(JSON.stringify(log));
    };
    expect(await scenario(STAND_IN)).toEqual(await scenario(REAL));
    const layer = new StandInLayer({ tableName: 't', awsSdkV3Client: recordingClient([], []) as never });
    const first = new StandInConfig({ eventKeyJmesPath: 'key' });
    first.registerLambdaContext(lambdaContext);
    await standInMakeIdempotent(async (_data: unknown) => 1, { persistenceStore: layer, config: first })({
      key: 'k',
    });
    const second = new StandInConfig({ eventKeyJmesPath: 'key', expiresAfterSeconds: 60 });
    await expect(
      standInMakeIdempotent(async (_data: unknown) => 1, { persistenceStore: layer, config: second })({
        key: 'k',
      }),
    ).rejects.toThrow(UnsupportedPowertoolsUseError);
  });

  it('takes the same clients for SDK clients and falls back the same way for others', () => {
    const candidates: unknown[] = [
      recordingClient([], []),
      { send: () => undefined },
      { send: () => undefined, config: {}, middlewareStack: { identify: () => [] } },
      {
        send: () => undefined,
        config: null,
        middlewareStack: { identify: () => [], addRelativeTo: () => undefined },
      },
    ];
    const seen = (impl: Implementation) => {
      const warnings: string[] = [];
      const warn = vi.spyOn(console, 'warn').mockImplementation((message: unknown) => {
        warnings.push(String(message));
      });
      try {
        return {
          warnings,
          kept: candidates.map(
            (client) => new impl.Layer({ tableName: 't', awsSdkV3Client: client }).client === client,
          ),
        };
      } finally {
        warn.mockRestore();
      }
    };
    const real = seen(REAL);
    expect(seen(STAND_IN)).toEqual(real);
    expect(real.kept).toEqual([true, false, false, false]);
  });

  it('refuses options it does not implement', () => {
    expect(() => new StandInConfig({ useLocalCache: true } as object)).toThrow(UnsupportedPowertoolsUseError);
    expect(() => new StandInConfig({ responseHook: () => 1 } as object)).toThrow(
      UnsupportedPowertoolsUseError,
    );
    expect(() => new StandInLayer({ tableName: 't', sortKeyAttr: 'sk' } as never)).toThrow(
      UnsupportedPowertoolsUseError,
    );
  });
});
