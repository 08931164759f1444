/**
 * Standalone durable Step Functions engine: `npx node local/engine/server-main.ts --port 8083 --db .local/engine.db`
 * (Node 24 from the project, which runs the TypeScript as it is).
 * `--lambdas <module>` loads a module whose default export is a LambdaInvoker (for tests and tools).
 * Prints `listening <url>` once ready; running executions in the store resume at start.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { LambdaInvoker } from './contract.ts';
import { createEngine, startEngineServer } from './index.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8083' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string', default: '.local/engine.db' },
    lambdas: { type: 'string' },
    'dynamodb-endpoint': { type: 'string' },
    's3-endpoint': { type: 'string' },
  },
});

const lambdaInvoker = values.lambdas
  ? ((await import(pathToFileURL(resolve(values.lambdas)).href)) as { default: LambdaInvoker }).default
  : undefined;

const endpoints = {
  ...(values['dynamodb-endpoint'] && { dynamodb: values['dynamodb-endpoint'] }),
  ...(values['s3-endpoint'] && { s3: values['s3-endpoint'] }),
};
const engine = createEngine({
  storePath: values.db,
  ...(lambdaInvoker && { lambdaInvoker }),
  aws: {
    endpoints,
    credentials: {
      accessKeyId: process.env['AWS_ACCESS_KEY_ID'] ?? 'local',
      secretAccessKey: process.env['AWS_SECRET_ACCESS_KEY'] ?? 'local',
    },
  },
});
const server = await startEngineServer({ engine, host: values.host, port: Number(values.port) });
console.log(`listening ${server.url}`);

const shutdown = async () => {
  await server.close();
  engine.close();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
