import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { listen, type RunningServer } from '../net/listen.ts';
import type { DynamoDbFaults } from './dynamodb-faults.ts';
import { throttleAnswer } from './throttle-answer.ts';

/** Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are not passed on. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'upgrade', 'trailer']);

function endToEnd(rawHeaders: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (!HOP_BY_HOP.has(rawHeaders[i]!.toLowerCase())) kept.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  return kept;
}

/** `DynamoDB_20120810.PutItem` → `PutItem`. */
const operationOf = (req: IncomingMessage) => {
  const target = req.headers['x-amz-target'];
  return typeof target === 'string' ? target.slice(target.indexOf('.') + 1) : '';
};

export interface DynamoDbProxyOptions {
  /** DynamoDB Local's endpoint, e.g. `http://127.0.0.1:8000`. */
  target: string;
  faults: DynamoDbFaults;
  region: string;
  account: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

/**
 * A pass-through in front of DynamoDB Local for the functions and the engine, where DynamoDB
 * faults are injected. Requests and answers are streamed as they come, over kept-alive
 * connections; a request's body is read only when an active fault names its operation (the
 * `X-Amz-Target` header), and parsed as JSON only when that fault names a table. A matching request
 * is answered as throttled and never forwarded. A lost upstream connection drops the caller's
 * connection, so the SDK sees the network error it would see talking to DynamoDB Local directly.
 */
export async function startDynamoDbProxy(options: DynamoDbProxyOptions): Promise<RunningServer> {
  const upstream = new URL(options.target);
  // Idle upstream sockets are dropped after 20 s, before DynamoDB Local's Jetty (30 s) would close
  // one just as a request is sent on it; the timeout ends only idle sockets, never a request.
  const agent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 20_000 });

  const forward = (req: IncomingMessage, res: ServerResponse, body?: Buffer) => {
    const outgoing = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: endToEnd(req.rawHeaders),
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.rawHeaders));
        answer.pipe(res);
        answer.once('error', () => res.destroy());
      },
    );
    outgoing.once('error', () => res.destroy());
    res.once('close', () => {
      if (!res.writableFinished) outgoing.destroy();
    });
    if (body) outgoing.end(body);
    else req.pipe(outgoing);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const operation = operationOf(req);
    if (!options.faults.mayMatch(operation)) return forward(req, res);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const hit = options.faults.take(operation, body.toString('utf8'));
    if (!hit) return forward(req, res, body);
    const answer = throttleAnswer({
      error: hit.fault.error ?? 'ProvisionedThroughputExceededException',
      operation,
      ...(hit.table !== undefined ? { table: hit.table } : {}),
      region: options.region,
      account: options.account,
    });
    res.writeHead(answer.status, { ...answer.headers, date: new Date().toUTCString() });
    res.end(answer.body);
  };

  const server = createServer({ keepAlive: true }, (req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  // Idle callers' connections are kept a minute; fetch (undici) reads the Keep-Alive hint Node
  // sends with it and closes its own first.
  server.keepAliveTimeout = 65_000;
  const running = await listen(server, options.port ?? 0, 'DynamoDB fault proxy');
  return {
    ...running,
    stop: async () => {
      await running.stop();
      agent.destroy();
    },
  };
}
