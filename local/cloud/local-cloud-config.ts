import { join, resolve } from 'node:path';

export interface LocalCloudPorts {
  api: number;
  identity: number;
  dynamodb: number;
  s3: number;
  stepfunctions: number;
}

/** The ports each tool uses by default; `0` picks a free port. */
export const DEFAULT_PORTS: LocalCloudPorts = {
  api: 3000,
  identity: 3001,
  dynamodb: 8000,
  s3: 4568,
  stepfunctions: 8083,
};

/** Environment overrides: `LOCAL_API_PORT`, `LOCAL_IDENTITY_PORT`, `LOCAL_DYNAMODB_PORT`, `LOCAL_S3_PORT`, `LOCAL_SFN_PORT`. */
export function portsFromEnv(env: NodeJS.ProcessEnv): Partial<LocalCloudPorts> {
  const pick = (name: string) => (env[name] !== undefined ? Number(env[name]) : undefined);
  const ports: Partial<LocalCloudPorts> = {};
  const entries: [keyof LocalCloudPorts, number | undefined][] = [
    ['api', pick('LOCAL_API_PORT')],
    ['identity', pick('LOCAL_IDENTITY_PORT')],
    ['dynamodb', pick('LOCAL_DYNAMODB_PORT')],
    ['s3', pick('LOCAL_S3_PORT')],
    ['stepfunctions', pick('LOCAL_SFN_PORT')],
  ];
  for (const [name, value] of entries)
    if (value !== undefined && Number.isInteger(value)) ports[name] = value;
  return ports;
}

/** Where each kind of state lives under the data directory (default `<root>/.local`). */
export function dataPaths(dataDir: string) {
  const root = resolve(dataDir);
  return {
    root,
    dynamodb: join(root, 'dynamodb'),
    s3: join(root, 's3'),
    engineDb: join(root, 'engine.db'),
    identity: join(root, 'identity'),
    deadLetters: join(root, 'dead-letters'),
    /** The durable queue of asynchronous deliveries (S3 notifications, rule targets, Event invocations). */
    asyncInvocations: join(root, 'async-invocations.db'),
    endpointsFile: join(root, 'endpoints.json'),
  };
}
