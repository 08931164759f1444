/**
 * `npm start`: the whole system on this machine, derived from the CDK cloud assembly.
 * Flags: --api-port, --identity-port, --dynamodb-port, --s3-port, --sfn-port (or LOCAL_*_PORT),
 * --data-dir (default .local), --assembly (default cdk.out), --synth always|never|auto.
 */
import { parseArgs } from 'node:util';
import { banner } from './banner.ts';
import { watchLauncher } from './launcher-watch.ts';
import { dataPaths, type LocalCloudPorts, portsFromEnv } from './local-cloud-config.ts';
import { type LocalCloud, startLocalCloud } from './start-local-cloud.ts';

const { values } = parseArgs({
  options: {
    'api-port': { type: 'string' },
    'identity-port': { type: 'string' },
    'dynamodb-port': { type: 'string' },
    's3-port': { type: 'string' },
    'sfn-port': { type: 'string' },
    'data-dir': { type: 'string' },
    assembly: { type: 'string' },
    synth: { type: 'string', default: 'auto' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(`npm start -- [--api-port 3000] [--identity-port 3001] [--dynamodb-port 8000] [--s3-port 4568]
             [--sfn-port 8083] [--data-dir .local] [--assembly cdk.out] [--synth auto|always|never]
Ports can also be set with LOCAL_API_PORT, LOCAL_IDENTITY_PORT, LOCAL_DYNAMODB_PORT, LOCAL_S3_PORT, LOCAL_SFN_PORT.`);
  process.exit(0);
}

const ports: Partial<LocalCloudPorts> = { ...portsFromEnv(process.env) };
const flag = (name: string) => (values[name as keyof typeof values] as string | undefined) ?? undefined;
for (const [key, name] of [
  ['api', 'api-port'],
  ['identity', 'identity-port'],
  ['dynamodb', 'dynamodb-port'],
  ['s3', 's3-port'],
  ['stepfunctions', 'sfn-port'],
] as const) {
  const value = flag(name);
  if (value !== undefined) ports[key] = Number(value);
}
const synth = values.synth as 'auto' | 'always' | 'never';
const dataDir = values['data-dir'] ?? '.local';

let cloud: LocalCloud;
try {
  cloud = await startLocalCloud({
    ports,
    dataDir,
    synth,
    ...(values.assembly ? { assemblyDir: values.assembly } : {}),
  });
} catch (error) {
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
console.log(banner(cloud, dataPaths(dataDir).root, dataDir === '.local' ? '' : ` --data-dir ${dataDir}`));

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the local cloud…`);
  await cloud.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
watchLauncher(() => void shutdown('launcher gone'));
// A crash must not leave DynamoDB Local or half the services running.
process.on('uncaughtException', (error) => {
  console.error(error);
  void cloud.stop().finally(() => process.exit(1));
});
