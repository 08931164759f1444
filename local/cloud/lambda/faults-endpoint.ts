import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseDynamoDbFaultBody } from '../dynamodb/dynamodb-fault-body.ts';
import type { Fault, FaultInjector } from './faults.ts';

const KINDS = new Set(['throw', 'timeout', 'throttle']);

/** The name under which DynamoDB faults are set; no function is called that. */
const DYNAMODB = 'dynamodb';

/**
 * The fault injector over HTTP, for tests in other processes:
 * `PUT /_local/faults/<function name>` with a {@link Fault} as JSON body sets one;
 * `PUT /_local/faults/dynamodb` with a DynamoDB fault (or a list) replaces the DynamoDB faults;
 * `DELETE /_local/faults/<function name|dynamodb>` clears those; `DELETE /_local/faults` clears all;
 * `GET /_local/faults` lists what is in force and what is left of each fault's `times`.
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
    if (req.method === 'GET') {
      const listing = { functions: faults.list(), dynamodb: faults.dynamodb.list() };
      if (functionName === DYNAMODB) return reply(200, { dynamodb: listing.dynamodb });
      if (functionName)
        return reply(200, { functions: listing.functions.filter((f) => f.functionName === functionName) });
      return reply(200, listing);
    }
    if (req.method === 'DELETE') {
      if (functionName === DYNAMODB) faults.dynamodb.clear();
      else faults.clear(functionName);
      return reply(200, { cleared: functionName ?? 'all' });
    }
    if (req.method === 'PUT' && functionName) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply(400, { message: 'Body must be a JSON fault' });
      }
      if (functionName === DYNAMODB) {
        const parsed = parseDynamoDbFaultBody(body);
        if (!parsed.ok) return reply(400, { message: 'Invalid DynamoDB fault', errors: parsed.errors });
        faults.dynamodb.set(parsed.faults);
        return reply(200, { dynamodb: faults.dynamodb.list() });
      }
      const fault = body as Fault;
      if (!KINDS.has(fault?.kind)) return reply(400, { message: 'kind must be throw, timeout or throttle' });
      faults.set(functionName, fault);
      return reply(200, { functionName, fault });
    }
    return reply(405, { message: 'Method Not Allowed' });
  };
}
