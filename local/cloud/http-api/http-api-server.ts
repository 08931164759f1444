import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { InvocationResult } from '../lambda/lambda-runner.ts';
import type { HttpApiModel, JwtAuthorizerModel } from '../model/http-apis.ts';
import { listen, type RunningServer } from '../net/listen.ts';
import { corsHeaders, preflightHeaders } from './cors.ts';
import { buildEventV2 } from './event-v2.ts';
import type { AuthorizerOutcome } from './jwt-authorizer.ts';
import { type HttpResponse, jsonMessage, mapResultV2 } from './response-v2.ts';
import { createRouteMatcher } from './route-matcher.ts';
import { createTokenBucket } from './token-bucket.ts';

/** API Gateway's payload limit and its maximum integration timeout. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const INTEGRATION_TIMEOUT_MS = 30_000;

/** A handler mounted beside the API's routes (e.g. the operator console under `/console`). */
export type Mount = (req: IncomingMessage, res: ServerResponse) => void;

export interface HttpApiServerOptions {
  port: number;
  api: HttpApiModel | undefined;
  accountId: string;
  invoke(functionArn: string, event: unknown): Promise<InvocationResult>;
  authorize(
    authorizer: JwtAuthorizerModel,
    scopes: string[],
    headers: IncomingMessage['headers'],
  ): Promise<AuthorizerOutcome>;
  mounts?: Record<string, Mount>;
  log(message: string): void;
}

class PayloadTooLargeError extends Error {
  constructor() {
    super('Request Entity Too Large');
    this.name = 'PayloadTooLargeError';
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new PayloadTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new PayloadTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, response: HttpResponse, extraHeaders: Record<string, string>): void {
  const headers: Record<string, string | string[]> = { ...response.headers, ...extraHeaders };
  if (response.cookies.length > 0) headers['set-cookie'] = response.cookies;
  headers['apigw-requestid'] ??= extraHeaders['apigw-requestid'] ?? '';
  res.writeHead(response.statusCode, headers);
  res.end(response.body);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The HTTP API stand-in: the template's routes, JWT authorizers, Lambda proxy integrations (format 2.0). */
export async function startHttpApiServer(options: HttpApiServerOptions): Promise<RunningServer> {
  const { api } = options;
  const match = createRouteMatcher(api?.routes ?? []);
  const domainName = `${api?.apiId ?? 'local'}.execute-api.localhost`;
  const admit = api?.throttling
    ? createTokenBucket(api.throttling.rateLimit, api.throttling.burstLimit)
    : () => true;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://local');
    for (const [prefix, mount] of Object.entries(options.mounts ?? {})) {
      if (url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)) return mount(req, res);
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const origin = req.headers.origin;
    const cors = api?.cors ? corsHeaders(api.cors, origin) : {};
    if (api?.cors && method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.writeHead(204, preflightHeaders(api.cors, origin));
      return void res.end();
    }
    if (!admit()) return send(res, jsonMessage(429, 'Too Many Requests'), cors);
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof PayloadTooLargeError)
        return send(res, jsonMessage(413, 'Request Entity Too Large'), cors);
      throw error;
    }
    let path = url.pathname;
    if (api?.stagePrefix) {
      if (!path.startsWith(api.stagePrefix)) return send(res, jsonMessage(404, 'Not Found'), cors);
      path = path.slice(api.stagePrefix.length) || '/';
    }
    let found: ReturnType<typeof match>;
    try {
      found = match(method, path);
    } catch {
      // A malformed percent-escape.
      return send(res, jsonMessage(400, 'Bad Request'), cors);
    }
    if (!found) return send(res, jsonMessage(404, 'Not Found'), cors);
    const { route } = found;
    if (route.unsupportedAuthorization) {
      options.log(
        `route ${route.routeKey}: ${route.unsupportedAuthorization} authorizers are not run locally`,
      );
      return send(res, jsonMessage(500, 'Internal Server Error'), cors);
    }
    let jwt: { claims: Record<string, string>; scopes: string[] | null } | undefined;
    if (route.authorizer) {
      const outcome = await options.authorize(route.authorizer, route.scopes, req.headers);
      if (!outcome.ok)
        return send(
          res,
          jsonMessage(outcome.status, outcome.status === 401 ? 'Unauthorized' : 'Forbidden'),
          cors,
        );
      jwt = { claims: outcome.claims, scopes: outcome.scopes };
    }
    if (!route.functionArn || route.payloadFormatVersion !== '2.0') {
      options.log(
        `route ${route.routeKey}: only Lambda proxy integrations with payload format 2.0 run locally`,
      );
      return send(res, jsonMessage(500, 'Internal Server Error'), cors);
    }
    const event = buildEventV2(
      {
        method,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        headers: req.headers,
        body,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        time: new Date(),
      },
      {
        accountId: options.accountId,
        apiId: api?.apiId ?? 'local',
        domainName,
        stage: api?.stagePrefix ? api.stagePrefix.slice(1) : '$default',
        route,
        pathParameters: found.pathParameters,
        ...(jwt ? { jwt } : {}),
      },
    );
    const requestHeaders = { ...cors, 'apigw-requestid': event.requestContext.requestId };
    const result = await withTimeout(options.invoke(route.functionArn, event), INTEGRATION_TIMEOUT_MS).catch(
      (error: Error) => {
        options.log(`route ${route.routeKey}: invocation refused: ${error.name}: ${error.message}`);
        return {
          ok: false as const,
          error: { errorType: error.name, errorMessage: error.message, trace: [] },
        };
      },
    );
    if (result === 'timeout') return send(res, jsonMessage(503, 'Service Unavailable'), requestHeaders);
    if (!result.ok) {
      options.log(`route ${route.routeKey}: ${result.error.errorType}: ${result.error.errorMessage}`);
      return send(res, jsonMessage(500, 'Internal Server Error'), requestHeaders);
    }
    send(res, mapResultV2(result.payload), requestHeaders);
  };

  const server = createServer((req, res) => {
    const started = Date.now();
    res.once('finish', () => {
      if (!req.url?.startsWith('/console')) {
        options.log(`${req.method} ${req.url?.split('?')[0]} ${res.statusCode} ${Date.now() - started} ms`);
      }
    });
    handle(req, res).catch((error: Error) => {
      options.log(`HTTP API: ${error.stack ?? error.message}`);
      if (!res.headersSent) send(res, jsonMessage(500, 'Internal Server Error'), {});
      else res.end();
    });
  });
  return listen(server, options.port, 'HTTP API');
}
