import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { createSfnClient } from '../ops/sfn-client.ts';
import { redriveEndpoint, stopEndpoint } from './api/actions.ts';
import { executionDetailEndpoint } from './api/execution-detail.ts';
import { executionsEndpoint } from './api/executions.ts';
import { machinesEndpoint } from './api/machines.ts';
import { executionArnParam } from './api/params.ts';
import { requireOperator, type VerifyToken } from './auth.ts';
import { ConsoleError, errorBody, fromSfnError, pickLanguage, RouteNotFoundError } from './errors.ts';
import { readJsonObject, sendAsset, sendJson } from './http.ts';
import { loadProgrammeViews, type ProgrammeViewsSource } from './programme-views.ts';
import { loadAssets } from './static-assets.ts';
import { createTtlCache } from './ttl-cache.ts';

export interface ConsoleOptions {
  /** Step Functions endpoint, e.g. the local engine's `http://127.0.0.1:8083`; AWS when absent. */
  sfnEndpoint?: string;
  /** A ready client instead of `sfnEndpoint` (AWS with its own credentials, tests). */
  sfnClient?: SFNClient;
  /** Verifies the operator's bearer token; see {@link VerifyToken}. */
  verifyToken: VerifyToken;
  /** Extra or replacing programme views (stock by site, ...), by view id. */
  programmeViews?: ProgrammeViewsSource;
  /** Where the console is mounted; default `/console`. */
  basePath?: string;
  /** How often the page polls; default 5 seconds. */
  refreshSeconds?: number;
  /** How long execution counts and programme views are reused across requests; default 4 seconds. */
  summaryCacheSeconds?: number;
  now?: () => Date;
}

export type ConsoleRequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * The operator console as a node:http handler for `<basePath>` and below. The page and its
 * scripts are public (they hold no data); every `<basePath>/api/*` endpoint needs an operator
 * token, and proxies a fixed, read-mostly subset of the Step Functions API so the browser never
 * holds AWS credentials: list machines and executions, describe one, stop, redrive.
 */
export function createConsoleHandler(options: ConsoleOptions): ConsoleRequestHandler {
  const basePath = (options.basePath ?? '/console').replace(/\/$/, '');
  const client =
    options.sfnClient ??
    createSfnClient(
      options.sfnEndpoint ? { endpoint: options.sfnEndpoint, source: 'flag' } : { source: 'aws' },
    );
  const now = options.now ?? (() => new Date());
  const summaries = createTtlCache((options.summaryCacheSeconds ?? 4) * 1000, () => now().getTime());
  const { page, contentSecurityPolicy, assets } = loadAssets(basePath, options.refreshSeconds ?? 5);

  const api = async (request: IncomingMessage, route: string, query: URLSearchParams): Promise<unknown> => {
    const claims = await requireOperator(request.headers.authorization, options.verifyToken);
    const method = request.method ?? 'GET';
    const language = pickLanguage(request.headers['accept-language']);
    if (method === 'GET' && route === '/session') return { operator: String(claims.sub ?? 'operator') };
    if (method === 'GET' && route === '/machines')
      return summaries.get('machines', () => machinesEndpoint(client));
    if (method === 'GET' && route === '/executions') return executionsEndpoint(client, query, now());
    if (method === 'GET' && route === '/execution') {
      return executionDetailEndpoint(
        client,
        executionArnParam(query.get('arn')),
        query.get('data') === '1',
        language,
      );
    }
    if (method === 'GET' && route === '/programme') {
      return summaries.get(`programme:${language}`, async () => ({
        views: await loadProgrammeViews({ client, now: now(), language }, options.programmeViews),
      }));
    }
    // A stop or a redrive changes the counts: the next poll must see it.
    if (method === 'POST' && route === '/execution/stop') {
      summaries.clear();
      return stopEndpoint(client, await readJsonObject(request), String(claims.sub ?? 'operator'));
    }
    if (method === 'POST' && route === '/execution/redrive') {
      summaries.clear();
      return redriveEndpoint(client, await readJsonObject(request));
    }
    throw new RouteNotFoundError();
  };

  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://console.invalid');
    const path = url.pathname;
    if (path === basePath) {
      response.writeHead(308, { location: `${basePath}/${url.search}` });
      response.end();
      return;
    }
    const route = path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : undefined;
    if (route === undefined || route === '/') {
      if (route === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
        sendAsset(response, page, { 'content-security-policy': contentSecurityPolicy });
      } else {
        sendJson(
          response,
          404,
          errorBody(new RouteNotFoundError(), pickLanguage(request.headers['accept-language'])),
        );
      }
      return;
    }
    if (route.startsWith('/api/')) {
      api(request, route.slice('/api'.length), url.searchParams).then(
        (body) => sendJson(response, 200, body),
        (error: unknown) => {
          const failure = error instanceof ConsoleError ? error : fromSfnError(error);
          sendJson(
            response,
            failure.status,
            errorBody(failure, pickLanguage(request.headers['accept-language'])),
          );
        },
      );
      return;
    }
    const asset = assets.get(route);
    if (asset && (request.method === 'GET' || request.method === 'HEAD')) sendAsset(response, asset);
    else
      sendJson(
        response,
        404,
        errorBody(new RouteNotFoundError(), pickLanguage(request.headers['accept-language'])),
      );
  };
}
