import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from './dynamodb-client.ts';

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or later, and `java` is not on PATH. Install it, e.g. ' +
        '`sudo apt-get install openjdk-17-jre-headless`, then run `npm start` again.',
    );
    this.name = 'JavaMissingError';
  }
}

export class DynamoDbLocalStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DynamoDbLocalStartError';
  }
}

export interface DynamoDbLocal {
  endpoint: string;
  /** Resolves once DynamoDB Local answers requests. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the JVM under a shell that kills it when its stdin closes: on stop(), and also when this
 * process dies without stopping it (SIGKILL, crash), so no orphaned DynamoDB Local keeps the port.
 */
const ORPHAN_GUARD =
  'exec 3<&0; "$@" </dev/null & child=$!; (read _ <&3; kill $child 2>/dev/null) & wait $child';

function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

/**
 * Starts AWS's DynamoDB Local (the jar amplify-dynamodb-simulator ships) as a child process.
 * It returns at once so the JVM start, the long pole of start-up, overlaps the rest; `ready`
 * settles when it serves requests. C1-only JIT and class-data sharing shorten the JVM start.
 */
export function startDynamoDbLocal(options: { port: number; dataDir: string }): DynamoDbLocal {
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).error) throw new JavaMissingError();
  mkdirSync(options.dataDir, { recursive: true });
  const dir = jarDirectory();
  const child: ChildProcess = spawn(
    'sh',
    [
      '-c',
      ORPHAN_GUARD,
      'sh',
      'java',
      '-XX:TieredStopAtLevel=1',
      '-Xshare:auto',
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      '-sharedDb',
      '-disableTelemetry',
      '-dbPath',
      options.dataDir,
      '-port',
      String(options.port),
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) =>
      reject(
        new DynamoDbLocalStartError(`DynamoDB Local exited (code ${code}) before it was ready:\n${stderr}`),
      ),
    );
    child.once('error', (error) =>
      reject(new DynamoDbLocalStartError('DynamoDB Local failed to start', { cause: error })),
    );
  });
  const ready = Promise.race([waitUntilServing(endpoint), exited]);
  ready.catch(() => child.stdin?.end());
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  };
  return { endpoint, ready, stop };
}

async function waitUntilServing(endpoint: string): Promise<void> {
  const client = createDynamoDbClient(endpoint);
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new DynamoDbLocalStartError('DynamoDB Local did not answer within 60 s', { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
}
