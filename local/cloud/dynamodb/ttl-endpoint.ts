import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TtlSweep } from './ttl-sweeper.ts';

/**
 * The TTL sweeper over HTTP, beside the fault switch: `POST /_local/ttl/sweep` deletes every
 * expired item now (rather than at the next periodic sweep) and answers `{ swept: [{ tableName,
 * deleted }] }`. The stream records of those deletions reach their mappings shortly after.
 */
export function ttlEndpoint(sweep: () => Promise<TtlSweep[]>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    if (path !== '/_local/ttl/sweep') return reply(404, { message: 'Not Found' });
    if (req.method !== 'POST') return reply(405, { message: 'Method Not Allowed' });
    try {
      reply(200, { swept: await sweep() });
    } catch (error) {
      reply(500, { message: `TTL sweep failed: ${(error as Error).name}` });
    }
  };
}
