import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteModel } from '../model/http-apis.ts';

export interface IncomingRequest {
  method: string;
  /** The path as received (still percent-encoded), without the query string. */
  rawPath: string;
  rawQueryString: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
  time: Date;
}

export interface EventContext {
  accountId: string;
  apiId: string;
  domainName: string;
  stage: string;
  route: RouteModel;
  pathParameters: Record<string, string>;
  /** Claims as API Gateway passes them (every value a string), when a JWT authorizer ran. */
  jwt?: { claims: Record<string, string>; scopes: string[] | null };
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|.*\+json|.*\+xml))/i;

/** `12/Mar/2020:19:03:58 +0000`, the requestContext.time format. */
function clfTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())} +0000`;
}

/** API Gateway's request ids look like `JKJaXmPLvHcESHA=`. */
function requestId(): string {
  return randomBytes(10).toString('base64');
}

function joinedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === 'cookie') continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

function queryParameters(raw: string): Record<string, string> | undefined {
  if (!raw) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(raw)) out[key] = key in out ? `${out[key]},${value}` : value;
  return out;
}

/** The payload format 2.0 event API Gateway gives a Lambda proxy integration. */
export function buildEventV2(request: IncomingRequest, context: EventContext): APIGatewayProxyEventV2 {
  const headers = joinedHeaders(request.headers);
  // API Gateway adds these for the integration; handlers may log or trust them.
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${request.sourceIp}`
    : request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-amzn-trace-id'] ??=
    `Root=1-${Math.floor(request.time.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  const cookieHeader = request.headers.cookie;
  const cookies = cookieHeader
    ? cookieHeader
        .split(';')
        .map((c) => c.trim())
        .filter(Boolean)
    : undefined;
  const isText = TEXT_TYPES.test(headers['content-type'] ?? 'text/plain');
  const hasBody = request.body.length > 0;
  const event: APIGatewayProxyEventV2 & { requestContext: { authorizer?: unknown } } = {
    version: '2.0',
    routeKey: context.route.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    headers,
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      domainName: context.domainName,
      domainPrefix: context.domainName.split('.')[0]!,
      http: {
        method: request.method,
        path: decodeURI(request.rawPath),
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: requestId(),
      routeKey: context.route.routeKey,
      stage: context.stage,
      time: clfTime(request.time),
      timeEpoch: request.time.getTime(),
    },
    isBase64Encoded: hasBody && !isText,
  };
  if (cookies) event.cookies = cookies;
  const query = queryParameters(request.rawQueryString);
  if (query) event.queryStringParameters = query;
  if (Object.keys(context.pathParameters).length > 0) event.pathParameters = context.pathParameters;
  if (context.jwt) event.requestContext.authorizer = { jwt: context.jwt };
  if (hasBody) event.body = isText ? request.body.toString('utf8') : request.body.toString('base64');
  return event;
}
