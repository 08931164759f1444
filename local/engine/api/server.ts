import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StepFunctionsError, UnknownOperationError, ValidationError } from '../runtime/errors.ts';
import type { ServiceContext } from './operations/context.ts';
import { callOperation, isOperationName } from './service.ts';

const contentType = 'application/x-amz-json-1.0';
/** Generous: requests carry at most 256 KiB of input plus the JSON around it, or a large definition. */
const maxBodyBytes = 2 * 1024 * 1024;

/** AWS JSON 1.0 carries timestamps as epoch seconds (Date.toJSON has already run: look at the holder). */
function serialize(value: unknown): string {
  return JSON.stringify(value, function replace(this: Record<string, unknown>, key, current) {
    const original = this[key];
    return original instanceof Date ? original.getTime() / 1000 : current;
  });
}

function send(response: ServerResponse, status: number, body: unknown) {
  const text = serialize(body);
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': crypto.randomUUID(),
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new ValidationError('Request body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function handle(context: ServiceContext, request: IncomingMessage, response: ServerResponse) {
  try {
    const target = String(request.headers['x-amz-target'] ?? '');
    const [prefix, operation = ''] = target.split('.');
    if (request.method !== 'POST' || prefix !== 'AWSStepFunctions' || !isOperationName(operation))
      throw new UnknownOperationError(`Unknown operation: '${target}'`);
    // SigV4 Authorization headers are accepted as they come: the local engine has no identities.
    const text = await readBody(request);
    let body: unknown;
    try {
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new ValidationError('The request body is not valid JSON');
    }
    const result = await callOperation(context, operation, body);
    // What the caller is told has happened is committed first.
    context.runtime.store.batch.flushNow();
    send(response, 200, result);
  } catch (error) {
    if (error instanceof StepFunctionsError) {
      send(response, error.status, { __type: error.awsType, message: error.message });
      return;
    }
    // Internals never leak: the caller sees a plain 500.
    console.error('Step Functions API internal error', error);
    send(response, 500, { __type: 'InternalFailure', message: 'Internal failure' });
  }
}

export interface EngineServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the Step Functions API (AWS JSON 1.0, `POST /`, `X-Amz-Target: AWSStepFunctions.<Op>`). */
export async function serveStepFunctionsApi(
  context: ServiceContext,
  options: { host?: string; port?: number } = {},
): Promise<EngineServer> {
  const server = createServer((request, response) => {
    void handle(context, request, response);
  });
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8083, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
