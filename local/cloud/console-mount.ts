import type { ServerResponse } from 'node:http';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { createConsoleHandler } from '../console/index.ts';
import type { Mount } from './http-api/http-api-server.ts';

/**
 * The operator console (local/console) for the `/console` mount. The console is optional to the
 * rest of the local cloud: if it cannot load, `/console` answers 503 with the reason and
 * everything else keeps running.
 */
export function consoleMount(options: {
  sfnClient: SFNClient;
  verifyToken: (token: string) => Promise<Record<string, unknown>>;
  log(message: string): void;
}): Mount {
  try {
    return createConsoleHandler({ sfnClient: options.sfnClient, verifyToken: options.verifyToken });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    options.log(`operator console unavailable: ${reason}`);
    return (_req, res: ServerResponse) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `Operator console unavailable: ${reason}` }));
    };
  }
}
