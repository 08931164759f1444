import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { vi } from 'vitest';

export interface FakeRequest {
  routeKey: string;
  claims?: Record<string, string | number | boolean | string[]> | undefined;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
  query?: Record<string, string>;
  path?: Record<string, string>;
}

/** An HTTP API payload 2.0 event as API Gateway sends it after the JWT authorizer. */
export function fakeEvent(request: FakeRequest): APIGatewayProxyEventV2WithJWTAuthorizer {
  const [method = 'GET', rawPath = '/'] = request.routeKey.split(' ');
  const event = {
    version: '2.0',
    routeKey: request.routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(request.query ?? {}).toString(),
    headers: { host: 'api.example.org', ...request.headers },
    queryStringParameters: request.query,
    pathParameters: request.path,
    body: request.body,
    isBase64Encoded: request.isBase64Encoded ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.org',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '10.0.0.1', userAgent: 'test' },
      requestId: 'req-123',
      routeKey: request.routeKey,
      stage: '$default',
      time: '26/Nov/2026:21:00:00 +0000',
      timeEpoch: 1_795_000_000_000,
      authorizer: request.claims
        ? { principalId: '', integrationLatency: 0, jwt: { claims: request.claims, scopes: [] } }
        : undefined,
    },
  };
  return event as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

export function fakeContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'test-fn',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:test-fn',
    memoryLimitInMB: '256',
    awsRequestId: 'lambda-req-1',
    logGroupName: '/aws/lambda/test-fn',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Claims as the HTTP API authorizer passes them: groups flattened to `[a b]`. */
export function claimsFor(groups: string[], extra: Record<string, string> = {}) {
  return { sub: 'user-1', 'cognito:groups': `[${groups.join(' ')}]`, ...extra };
}

/** Everything the Powertools logger writes, one parsed JSON object per line. */
export function captureLogs() {
  const lines: string[] = [];
  const record = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(record);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(record);
  return {
    text: () => lines.join(''),
    entries: () =>
      lines
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => {
      out.mockRestore();
      err.mockRestore();
    },
  };
}
