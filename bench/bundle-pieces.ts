/**
 * What each piece of a request-path handler costs on its own: one-line handlers bundled with the
 * esbuild options of infra/constructs/app-function.ts, sizes and a fresh-process import time.
 * `npx tsx bench/bundle-pieces.ts [runs]`
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { BUNDLE_ALIASES } from '../infra/constructs/bundling/aliases.ts';
import { bundleBuildOptions, coldImportMs } from './lib/bundle-build.ts';
import { kilobytes, renderTable } from './lib/markdown.ts';
import { median, significant } from './lib/stats.ts';

const rootDir = fileURLToPath(new URL('../', import.meta.url));
const runs = Number(process.argv[2] ?? 7);
const bundling = join(rootDir, 'infra/constructs/bundling');
const CREDENTIALS_ALIAS = {
  '@aws-sdk/credential-provider-node': join(bundling, 'env-credential-provider.ts'),
};
/** Pieces built with every alias of the Lambda bundles (the small clients, the zod facade). */
const WITH_BUNDLE_ALIASES = new Set([
  'small DynamoDB clients (infra/constructs/bundling)',
  'zod facade, same schema',
  'Powertools logger stand-in, same calls',
  'Powertools metrics stand-in, same calls',
  'Powertools idempotency stand-in, same calls',
]);

/** The real Powertools package against its stand-in: every other alias of the bundles in both. */
const POWERTOOLS_STAND_INS = [
  '@aws-lambda-powertools/logger',
  '@aws-lambda-powertools/metrics',
  '@aws-lambda-powertools/idempotency',
];
const WITH_REAL_POWERTOOLS = new Set([
  'Powertools logger, middleware and keys',
  'Powertools metrics, one single metric',
  'Powertools idempotency as run-once.ts configures it',
]);
const ALIASES_BUT_POWERTOOLS = Object.fromEntries(
  Object.entries(BUNDLE_ALIASES).filter(([name]) => !POWERTOOLS_STAND_INS.includes(name)),
);

const LOGGER = `import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
const logger = new Logger({ jsonReplacerFn: (k, v) => v });
const mw = injectLambdaContext(logger, { resetKeys: true, logEvent: false });
export const handler = async (e, c) => { await mw.before({ event: e, context: c, internal: {} }); logger.appendKeys({ a: 1 }); logger.info('x'); };`;
const METRICS = `import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
const metrics = new Metrics({ defaultDimensions: {} });
export const handler = async () => { const m = metrics.singleMetric(); m.clearDefaultDimensions(); m.addDimension('site', 's'); m.addMetric('KitsInStock', MetricUnit.Count, 1); };`;
const IDEMPOTENCY = `import { makeIdempotent, IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
const config = new IdempotencyConfig({ eventKeyJmesPath: 'key', payloadValidationJmesPath: 'request', throwOnNoIdempotencyKey: true });
export const handler = makeIdempotent(async () => 1, { persistenceStore: new DynamoDBPersistenceLayer({ tableName: 't' }), config, keyPrefix: 'p', dataIndexArgument: 0 });`;

const PIECES: Record<string, string> = {
  'empty handler': 'export const handler = async () => ({ statusCode: 200 });',
  'DynamoDB GetItem (client-dynamodb + lib-dynamodb)': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => client.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));`,
  'util-dynamodb marshall + unmarshall': `import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
export const handler = async (e) => unmarshall(marshall(e, { removeUndefinedValues: true }));`,
  'SigV4 signer (infra/constructs/bundling/sigv4.ts)': `import { signedHeaders } from ${JSON.stringify(join(bundling, 'sigv4.ts'))};
export const handler = async () => signedHeaders({ method: 'POST', url: 'https://x/' }, { service: 's', region: 'r', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });`,
  'small DynamoDB clients (infra/constructs/bundling)': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => client.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));`,
  'zod (classic) object schema': `import * as z from 'zod';
const s = z.object({ name: z.string().min(1).max(80), size: z.number().int().positive(), tags: z.array(z.enum(['a', 'b'])).optional() });
export const handler = async (e) => s.safeParse(e);`,
  'zod facade, same schema': `import * as z from 'zod';
const s = z.object({ name: z.string().min(1).max(80), size: z.number().int().positive(), tags: z.array(z.enum(['a', 'b'])).optional() });
export const handler = async (e) => s.safeParse(e);`,
  'zod/mini same schema': `import * as z from 'zod/mini';
const s = z.object({ name: z.string().check(z.minLength(1), z.maxLength(80)), size: z.number().check(z.int(), z.positive()), tags: z.optional(z.array(z.enum(['a', 'b']))) });
export const handler = async (e) => s.safeParse(e);`,
  'Powertools logger': `import { Logger } from '@aws-lambda-powertools/logger';
const logger = new Logger();
export const handler = async () => logger.info('x');`,
  'Powertools logger, middleware and keys': LOGGER,
  'Powertools logger stand-in, same calls': LOGGER,
  'Powertools metrics, one single metric': METRICS,
  'Powertools metrics stand-in, same calls': METRICS,
  'middy core + header normalizer': `import middy from '@middy/core';
import normalize from '@middy/http-header-normalizer';
export const handler = middy(async () => 1).use(normalize());`,
  'SFN StartExecution (client-sfn)': `import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
const c = new SFNClient({});
export const handler = async () => c.send(new StartExecutionCommand({ stateMachineArn: 'a' }));`,
  'S3 PutObject (client-s3)': `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
const c = new S3Client({});
export const handler = async () => c.send(new PutObjectCommand({ Bucket: 'a', Key: 'b', Body: 'c' }));`,
  'Powertools idempotency (DynamoDB layer)': `import { makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
export const handler = makeIdempotent(async () => 1, { persistenceStore: new DynamoDBPersistenceLayer({ tableName: 't' }) });`,
  'Powertools idempotency as run-once.ts configures it': IDEMPOTENCY,
  'Powertools idempotency stand-in, same calls': IDEMPOTENCY,
};

const scratch = mkdtempSync(join(tmpdir(), 'bench-pieces-'));
const built: { name: string; path: string; bytes: number; samples: number[] }[] = [];
try {
  for (const [index, [name, source]] of Object.entries(PIECES).entries()) {
    const entry = join(scratch, `piece-${index}.mjs`);
    writeFileSync(entry, source);
    const path = join(scratch, `piece-${index}.out.mjs`);
    await esbuild.build({
      entryPoints: [entry],
      absWorkingDir: rootDir,
      nodePaths: [join(rootDir, 'node_modules')],
      ...bundleBuildOptions,
      outfile: path,
      alias: WITH_BUNDLE_ALIASES.has(name)
        ? BUNDLE_ALIASES
        : WITH_REAL_POWERTOOLS.has(name)
          ? ALIASES_BUT_POWERTOOLS
          : CREDENTIALS_ALIAS,
    });
    built.push({ name, path, bytes: statSync(path).size, samples: [] });
  }
  for (let round = 0; round < runs; round++) {
    for (const subject of built) {
      subject.samples.push(await coldImportMs(subject.path, subject.name));
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const emptyMs = median(built[0]!.samples);
console.log(
  renderTable({
    title: 'pieces',
    headers: ['piece', 'KB', 'process ms', '× empty'],
    rows: built.map((b) => [
      b.name,
      kilobytes(b.bytes),
      significant(median(b.samples)),
      significant(median(b.samples) / emptyMs, 2),
    ]),
  }),
);
console.log(
  `median of ${runs} fresh processes each (spawn to exit), interleaved; minified, no keepNames (as the bundles); SDK rows with the fromEnv credential alias`,
);
