/**
 * The Logger the Lambda bundles carry instead of @aws-lambda-powertools/logger
 * (infra/constructs/bundling/powertools-logger) against the real package: the same sequence of
 * calls through each, the printed lines compared byte for byte (the clock is fixed, so the
 * timestamps are equal too), under the environments that change what Powertools prints.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger as RealLogger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext as realInject } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { piiGuard } from '#shared/observability/pii-guard.ts';
import { UnsupportedPowertoolsUseError } from '../../../infra/constructs/bundling/powertools-env.ts';
import { Logger as StandInLogger } from '../../../infra/constructs/bundling/powertools-logger/index.ts';
import { injectLambdaContext as standInInject } from '../../../infra/constructs/bundling/powertools-logger/middleware.ts';
import { sideBySide } from './side-by-side.ts';

// biome-ignore lint/suspicious/noExplicitAny: the two loggers share a surface, not a declared type.
type AnyLogger = any;
interface Implementation {
  name: string;
  create: (options?: object) => AnyLogger;
  inject: (logger: AnyLogger, options?: object) => middy.MiddlewareObj;
}
const REAL: Implementation = {
  name: 'real',
  create: (options) => new RealLogger(options),
  inject: (logger, options) => realInject(logger, options) as middy.MiddlewareObj,
};
const STAND_IN: Implementation = {
  name: 'stand-in',
  create: (options) => new StandInLogger(options),
  inject: (logger, options) => standInInject(logger, options) as unknown as middy.MiddlewareObj,
};

const ENV_KEYS = [
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_LOG_LEVEL',
  'LOG_LEVEL',
  'AWS_LAMBDA_LOG_LEVEL',
  'POWERTOOLS_LOGGER_SAMPLE_RATE',
  'POWERTOOLS_LOGGER_LOG_EVENT',
  'POWERTOOLS_DEV',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_MAX_CONCURRENCY',
  '_X_AMZN_TRACE_ID',
  'TZ',
];
const { fixedClockEachTest, sameLines } = sideBySide<Implementation>({
  envKeys: ENV_KEYS,
  real: REAL,
  standIn: STAND_IN,
  consoleMethods: ['log', 'info', 'warn', 'error', 'debug'],
});

const context = (requestId: string): Context =>
  ({
    awsRequestId: requestId,
    functionName: 'casework-confirm',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:casework-confirm',
    memoryLimitInMB: '512',
    logGroupName: '/aws/lambda/casework-confirm',
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 1000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as Context;

class CodedError extends Error {
  code = 'CONDITION_FAILED';
  status = 409;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CodedError';
  }
}

// One error object for both runs: its stack frames are then the same.
const failure = new CodedError('household Amina Diallo rejected', { cause: new TypeError('bad phone 0700') });

/** What http-handler.ts and error-middleware.ts do around a request, three invocations. */
async function requestPath(impl: Implementation): Promise<void> {
  const logger = impl.create({ jsonReplacerFn: piiGuard });
  let call = 0;
  const handler = middy(async (event: { body: string }, lambdaContext: Context) => {
    call++;
    logger.appendKeys({
      routeKey: 'POST /allocations/{id}/confirmation',
      requestId: lambdaContext.awsRequestId,
    });
    logger.debug('not at INFO');
    logger.info('Request refused', { status: 409, code: 'ALREADY_CONFIRMED', name: 'Amina', event });
    logger.info('nested', {
      household: { householdId: 'H1', phone: '0700', members: [{ givenName: 'A', age: 3 }] },
    });
    logger.warn('Stock level not published', { siteId: 'S1', error: failure.name });
    logger.error('Request failed', { routeKey: 'x', error: failure });
    logger.error('as extra argument', failure, 'extra text', null, {
      authorization: 'Bearer x',
      outcome: 'ok',
    });
    if (call === 3) throw failure;
    return { statusCode: 200 };
  }).use(impl.inject(logger, { resetKeys: true, logEvent: false }));
  for (const id of ['r-1', 'r-2', 'r-3']) {
    await handler({ body: '{"name":"Amina"}' }, context(id)).catch(() => undefined);
  }
  logger.info('after the invocations: keys reset, context kept');
}

describe('bundle stand-in for @aws-lambda-powertools/logger', () => {
  fixedClockEachTest('2026-11-27T03:04:05.678Z');

  it('prints the same lines on the request path (PII guard, keys, Lambda context, cold start, trace id)', async () => {
    const lines = await sameLines(
      {
        POWERTOOLS_SERVICE_NAME: 'allocations',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        _X_AMZN_TRACE_ID: 'Root=1-6745a1b2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1',
      },
      requestPath,
    );
    expect(lines).toHaveLength(3 * 5 + 1);
    const first = JSON.parse(lines[0]!.replace(/^stdout /, ''));
    expect(first).toMatchObject({
      level: 'INFO',
      cold_start: true,
      routeKey: expect.any(String),
      status: 409,
    });
    expect(lines.join('\n')).not.toMatch(/Amina|0700|Bearer/);
  });

  it('prints the same lines without a replacer (errors, bigints, cycles, empty values, extra arguments)', async () => {
    await sameLines({ POWERTOOLS_SERVICE_NAME: ' registry ' }, (impl) => {
      const logger = impl.create();
      const cyclic: Record<string, unknown> = { id: 'c1' };
      cyclic['self'] = cyclic;
      const shared = { site: 'S1' };
      const selfList: unknown[] = ['x'];
      selfList.push(selfList, [selfList]);
      logger.info('values', {
        empty: '',
        nothing: null,
        missing: undefined,
        zero: 0,
        no: false,
        nested: { empty: '', nothing: null, list: [1, undefined, { deep: 'x' }] },
        big: 12345678901234567890n,
        when: new Date('2026-01-02T03:04:05Z'),
        cyclic,
        twice: [shared, shared],
        selfList,
        nestedSelf: [[selfList], { selfList }],
      });
      logger.info('an error', failure);
      logger.warn({ message: 'object input', reason: 'quota', level: 'dropped', timestamp: 'dropped' });
      logger.warn({ message: '' });
      logger.error('text extra', 'more', 42, true);
      logger.info('overriding base keys', { function_name: 'mine', cold_start: 'yes', xray_trace_id: 'x' });
    });
  });

  it('keeps persistent and temporary keys as Powertools does (order, merge, reset, reserved keys)', async () => {
    await sameLines({}, async (impl) => {
      const logger = impl.create({});
      logger.appendPersistentKeys({ tier: 'staff', nested: { a: 1, list: [1, 2] }, service: 'reserved' });
      logger.appendKeys({ requestId: 'r', nested: { b: 2, list: [3] }, message: 'reserved' });
      logger.info('both');
      logger.appendKeys({ tier: 'overridden', requestId: { deep: true } });
      logger.info('temporary over persistent');
      logger.resetKeys();
      logger.info('after reset');
      logger.appendPersistentKeys({ tier: 'changed', extra: ['x'] });
      logger.appendKeys({ level: 'reserved', sampling_rate: 1, timestamp: 'no' });
      logger.info('persistent merged');
    });
  });

  const LEVEL_ENVS: Record<string, string>[] = [
    {},
    { POWERTOOLS_LOG_LEVEL: 'DEBUG' },
    { POWERTOOLS_LOG_LEVEL: 'TRACE' },
    { POWERTOOLS_LOG_LEVEL: 'ERROR' },
    { POWERTOOLS_LOG_LEVEL: 'SILENT' },
    { POWERTOOLS_LOG_LEVEL: 'debug' },
    { POWERTOOLS_LOG_LEVEL: ' WARN ' },
    { LOG_LEVEL: 'WARN' },
    { POWERTOOLS_LOG_LEVEL: 'ERROR', LOG_LEVEL: 'DEBUG' },
    { AWS_LAMBDA_LOG_LEVEL: 'WARN', POWERTOOLS_LOG_LEVEL: 'DEBUG' },
    { AWS_LAMBDA_LOG_LEVEL: 'FATAL' },
    { AWS_LAMBDA_LOG_LEVEL: 'DEBUG', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    { AWS_LAMBDA_LOG_LEVEL: 'nonsense', POWERTOOLS_LOG_LEVEL: 'WARN' },
  ];
  it.each(LEVEL_ENVS)('filters levels the same way under %o', async (env) => {
    await sameLines(env, async (impl) => {
      const logger = impl.create({ jsonReplacerFn: piiGuard });
      const log = () => {
        console.info(`level ${logger.level}`);
        for (const method of ['trace', 'debug', 'info', 'warn', 'error'])
          logger[method](`${method} line`, { method });
      };
      log();
      const handler = middy(async () => log()).use(impl.inject(logger, { resetKeys: true }));
      await handler({}, context('r-1'));
      await handler({}, context('r-2'));
      logger.setLogLevel('DEBUG');
      log();
    });
  });

  it.each<Record<string, string>>([
    { POWERTOOLS_LOGGER_SAMPLE_RATE: '1' },
    { POWERTOOLS_LOGGER_SAMPLE_RATE: '1', POWERTOOLS_LOG_LEVEL: 'TRACE' },
    { POWERTOOLS_LOGGER_SAMPLE_RATE: '1', AWS_LAMBDA_LOG_LEVEL: 'INFO' },
    { POWERTOOLS_LOGGER_SAMPLE_RATE: '0' },
    { POWERTOOLS_LOGGER_SAMPLE_RATE: '1.5' },
    { POWERTOOLS_LOGGER_SAMPLE_RATE: '-1' },
    { POWERTOOLS_LOGGER_SAMPLE_RATE: 'often' },
  ])('samples debug logs the same way under %o', async (env) => {
    await sameLines(env, async (impl) => {
      const logger = impl.create({ jsonReplacerFn: piiGuard });
      const handler = middy(async () => logger.debug('sampled debug line')).use(
        impl.inject(logger, { resetKeys: true, logEvent: false }),
      );
      for (const id of ['r-1', 'r-2', 'r-3']) await handler({}, context(id));
    });
  });

  it.each<Record<string, string>>([
    { POWERTOOLS_LOGGER_LOG_EVENT: 'true' },
    { POWERTOOLS_LOGGER_LOG_EVENT: 'FALSE' },
    { POWERTOOLS_LOGGER_LOG_EVENT: 'yes' },
  ])('logs the event (or refuses the setting) the same way under %o', async (env) => {
    await sameLines(env, async (impl) => {
      const logger = impl.create({ jsonReplacerFn: piiGuard });
      const event = { requestContext: { requestId: 'api-1' }, body: '{"phone":"0700"}' };
      await middy(async () => 1).use(impl.inject(logger, {}))(event, context('r-1'));
      await middy(async () => 1).use(impl.inject(logger, { logEvent: false }))(event, context('r-2'));
      await middy(async () => 1).use(impl.inject(logger, { logEvent: true, clearState: true }))(
        event,
        context('r-3'),
      );
    });
  });

  it('prints the same in dev mode (global console, indented, stack lines)', async () => {
    const lines = await sameLines({ POWERTOOLS_DEV: 'true', POWERTOOLS_LOG_LEVEL: 'TRACE' }, (impl) => {
      const logger = impl.create();
      logger.trace('trace goes to console.log');
      logger.debug('debug', { a: 1 });
      logger.error('error', failure);
    });
    expect(lines[0]).toMatch(/^console\.log \{\n {4}"level": "TRACE"/);
  });

  it.each([':UTC', 'UTC', 'Etc/UTC'])('writes timestamps the same way with TZ=%s', async (zone) => {
    await sameLines({ TZ: zone }, (impl) => {
      const logger = impl.create();
      logger.info('one');
      logger.info('two');
    });
  });

  it.each(['Europe/Paris', 'Not/AZone'])('refuses TZ=%s rather than writing another timestamp', (zone) => {
    process.env['TZ'] = zone;
    expect(() => new StandInLogger()).toThrow(UnsupportedPowertoolsUseError);
  });

  it.each<Record<string, string>>([{}, { POWERTOOLS_LOG_LEVEL: 'DEBUG' }, { AWS_LAMBDA_LOG_LEVEL: 'ERROR' }])(
    'takes the serviceName and logLevel options the same way under %o',
    async (env) => {
      await sameLines(env, (impl) => {
        for (const options of [
          { serviceName: 'test', logLevel: 'INFO' },
          { serviceName: '', logLevel: 'warn' },
          { logLevel: 'nonsense' },
          { logLevel: 'DEBUG', jsonReplacerFn: piiGuard },
        ]) {
          const logger = impl.create(options);
          logger.debug('debug', { phone: '0700' });
          logger.info('info');
          logger.warn('warn');
        }
      });
    },
  );

  it('names the service the same way when POWERTOOLS_SERVICE_NAME is blank', async () => {
    await sameLines({ POWERTOOLS_SERVICE_NAME: '   ' }, (impl) => impl.create().info('no service'));
  });

  it('refuses options and settings it does not implement instead of printing differently', () => {
    expect(() => new StandInLogger({ sampleRateValue: 1 } as object)).toThrow(UnsupportedPowertoolsUseError);
    expect(() => new StandInLogger({ persistentKeys: { a: 1 } } as object)).toThrow(
      UnsupportedPowertoolsUseError,
    );
    expect(() => standInInject(new StandInLogger(), { correlationIdPath: 'x' } as object)).toThrow(
      UnsupportedPowertoolsUseError,
    );
    process.env['AWS_LAMBDA_MAX_CONCURRENCY'] = '4';
    expect(() => new StandInLogger()).toThrow(UnsupportedPowertoolsUseError);
  });

  it('has every logger method and middleware option that functions/ uses', () => {
    const sources = sourcesUnder(join(process.cwd(), 'functions'));
    const methods = new Set([...sources.matchAll(/\blogger\.(\w+)\(/g)].map((match) => match[1]!));
    const optionKeys = new Set(
      [...sources.matchAll(/injectLambdaContext\(\s*\w+\s*,\s*\{([^}]*)\}/g)].flatMap((match) =>
        [...match[1]!.matchAll(/(\w+)\s*:/g)].map((key) => key[1]!),
      ),
    );
    expect(methods.size).toBeGreaterThan(0);
    expect(optionKeys.size).toBeGreaterThan(0);
    const standIn = new StandInLogger({ jsonReplacerFn: piiGuard }) as unknown as Record<string, unknown>;
    for (const method of methods) expect(typeof standIn[method], `logger.${method}`).toBe('function');
    const options = Object.fromEntries([...optionKeys].map((key) => [key, false]));
    expect(() => standInInject(standIn as unknown as StandInLogger, options)).not.toThrow();
  });
});

function sourcesUnder(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}
