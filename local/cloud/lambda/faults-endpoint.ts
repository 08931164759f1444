import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault, FaultInjector } from './faults.ts';

const KINDS = new Set(['throw', 'timeout', 'throttle']);

/**
 * The fault injector over HTTP, for tests in other processes:
 * `PUT /_local/faults/<function name>` with a {@link Fault} as JSON body sets one;
 * `DELETE /_local/faults/<function name>` clears it; `DELETE /_local/faults` clears all.
 */
export function faultsEndpoint(faults: FaultInjector) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    const match = /^\/_local\/faults(?:\/([^/]+))?$/.exec(path);
    if (!match) return reply(404, { message: 'Not Found' });
    const functionName = match[1] ? decodeURIComponent(match[1]) : undefined;
    if (req.method === 'DELETE') {
      faults.clear(functionName);
      return reply(200, { cleared: functionName ?? 'all' });
    }
    if (req.method === 'PUT' && functionName) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      let fault: Fault;
      try {
        fault = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Fault;
      } catch {
        return reply(400, { message: 'Body must be a JSON fault' });
      }
      if (!KINDS.has(fault.kind)) return reply(400, { message: 'kind must be throw, timeout or throttle' });
      faults.set(functionName, fault);
      return reply(200, { functionName, fault });
    }
    return reply(405, { message: 'Method Not Allowed' });
  };
}
