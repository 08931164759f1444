import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUNDLING_DIR = fileURLToPath(new URL('./', import.meta.url));

/**
 * Packages each bundle takes from infra/constructs/bundling instead of node_modules.
 *
 * Departs from DESIGN.md decision 4 ("AWS SDK included, only the clients used"), for the Lambda
 * bundles only: measured with bench/bundle-pieces.ts, one GetItem through the SDK's DynamoDB
 * client bundles 216 KB and its fresh process takes 2.5× an empty one; Step Functions' client is
 * 186 KB for one StartExecution, S3's 310 KB for one PutObject. The staff request path has 128 KB
 * for everything (issue 11). The stand-ins speak the same wire protocols with global fetch and
 * SigV4 on node:crypto in a few KB, and keep the surface the functions and Powertools use, so the
 * code in functions/ still imports the SDK, its unit tests run the real SDK (aws-sdk-client-mock),
 * and a missing export fails the build. test/integration/bundling compares both against the
 * local services; the integration tests run these bundles.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  // Lambda passes credentials in the environment: the SDK's default chain (SSO, INI, process, web
  // identity, metadata, with their STS/SSO clients) is replaced by its first link, which is all
  // that runs there. Still bundled, not external: the SDK version stays the one package-lock.json pins.
  '@aws-sdk/credential-provider-node': join(BUNDLING_DIR, 'env-credential-provider.ts'),
  '@aws-sdk/client-dynamodb': join(BUNDLING_DIR, 'dynamodb-client.ts'),
  '@aws-sdk/lib-dynamodb': join(BUNDLING_DIR, 'dynamodb-document-client.ts'),
  // The marshalling both of those and idempotency use, every option, written tighter (util-dynamodb.ts).
  '@aws-sdk/util-dynamodb': join(BUNDLING_DIR, 'util-dynamodb.ts'),
  '@aws-sdk/client-sfn': join(BUNDLING_DIR, 'sfn-client.ts'),
  '@aws-sdk/client-s3': join(BUNDLING_DIR, 's3-client.ts'),
  '@aws-sdk/s3-request-presigner': join(BUNDLING_DIR, 's3-request-presigner.ts'),
  '@aws-sdk/s3-presigned-post': join(BUNDLING_DIR, 's3-presigned-post.ts'),
  // zod's classic API over its smaller build (zod/index.ts says how); a folder, because the alias
  // also rewrites the subpaths the functions import (`zod/v4/locales/fr.js`).
  zod: join(BUNDLING_DIR, 'zod'),
  // Field-name JMESPath for Powertools idempotency's key and fingerprint (jmespath/index.ts says
  // why); a folder, for the `/functions` subpath idempotency also imports.
  '@aws-lambda-powertools/jmespath': join(BUNDLING_DIR, 'jmespath'),
  // The reports' CSV writer: rows of strings, default options (csv-stringify/sync.ts says why).
  'csv-stringify': join(BUNDLING_DIR, 'csv-stringify'),
  // Powertools' Logger and Metrics for the calls functions/ makes, printing the same lines: the real
  // ones are ≈ 22 KB and ≈ 13 KB of each bundle (powertools-logger/index.ts, powertools-metrics.ts
  // say why). A folder for the logger, for its `/middleware` subpath.
  '@aws-lambda-powertools/logger': join(BUNDLING_DIR, 'powertools-logger'),
  '@aws-lambda-powertools/metrics': join(BUNDLING_DIR, 'powertools-metrics.ts'),
  // Powertools idempotency's protocol (records, hashes, conditional writes, retries) for run-once.ts,
  // without its local cache, middleware and durable-function support: ≈ 22 KB of each idempotent
  // bundle with what it brings of commons (powertools-idempotency/index.ts says why). A folder, for
  // the `/dynamodb` and `/persistence` subpaths.
  '@aws-lambda-powertools/idempotency': join(BUNDLING_DIR, 'powertools-idempotency'),
  // `ulid()` without the package's PRNG detection, monotonic factory and codecs (ulid.ts says why).
  ulid: join(BUNDLING_DIR, 'ulid.ts'),
  // Header names lower-cased, the package's defaults, without its canonical-mode table.
  '@middy/http-header-normalizer': join(BUNDLING_DIR, 'middy/http-header-normalizer.ts'),
};
