import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ConsoleRequestHandler } from '../../../local/console/index.ts';

export interface CapturedResponse {
  status: number;
  headers: Record<string, string | number>;
  body: string;
  json(): Record<string, unknown>;
}

/** Calls a node:http handler in process, without a socket, and resolves when it ends the response. */
export function call(
  handler: ConsoleRequestHandler,
  request: { method?: string; url: string; headers?: Record<string, string>; body?: unknown },
): Promise<CapturedResponse> {
  const payload = request.body === undefined ? [] : [Buffer.from(JSON.stringify(request.body))];
  const incoming = Object.assign(Readable.from(payload), {
    method: request.method ?? 'GET',
    url: request.url,
    headers: request.headers ?? {},
  }) as unknown as IncomingMessage;
  return new Promise((resolve) => {
    const captured: CapturedResponse = {
      status: 0,
      headers: {},
      body: '',
      json: () => JSON.parse(captured.body),
    };
    const response = {
      writeHead(status: number, headers: Record<string, string | number> = {}) {
        captured.status = status;
        captured.headers = headers;
        return response;
      },
      end(body?: string | Buffer) {
        captured.body = body === undefined ? '' : body.toString();
        resolve(captured);
      },
    } as unknown as ServerResponse;
    handler(incoming, response);
  });
}
