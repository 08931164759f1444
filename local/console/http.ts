import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadRequestError } from './errors.ts';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
}

export function sendAsset(
  response: ServerResponse,
  asset: { body: Buffer | string; contentType: string },
  headers: Record<string, string> = {},
): void {
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': asset.contentType,
    'cache-control': 'no-cache',
    'content-length': Buffer.byteLength(asset.body),
    ...headers,
  });
  response.end(asset.body);
}

const MAX_BODY = 16 * 1024;

/** Reads a small JSON object body; 400 with a field message when it is not one. */
export async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw bodyError('The body is too large.', 'Le corps de la requête est trop grand.');
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // reported below as a field error, like any other malformed body
  }
  throw bodyError('The body must be a JSON object.', 'Le corps doit être un objet JSON.');
}

function bodyError(en: string, fr: string): BadRequestError {
  return new BadRequestError({ body: { en, fr } });
}
