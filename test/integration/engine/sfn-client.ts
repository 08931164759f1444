import { SFNClient } from '@aws-sdk/client-sfn';
import type { EngineOptions } from '../../../local/engine/index.ts';
import {
  createEngine,
  type Engine,
  type EngineServer,
  localSfnClientConfig,
  startEngineServer,
} from '../../../local/engine/index.ts';

export const roleArn = 'arn:aws:iam::123456789012:role/engine';

/** An engine on a throwaway database, served on a free port, and an SFN client pointed at it. */
export async function startLocalStepFunctions(options: EngineOptions = {}) {
  const engine: Engine = createEngine({ storePath: ':memory:', ...options });
  const server: EngineServer = await startEngineServer({ engine, port: 0 });
  const sfn = new SFNClient(localSfnClientConfig(server.url));
  return {
    engine,
    server,
    sfn,
    async stop() {
      sfn.destroy();
      await server.close();
      engine.close();
    },
  };
}

/** The error an SDK call rejected with, for asserting its AWS name. */
export async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error('expected the call to fail');
}
