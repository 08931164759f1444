import { describe, expect, it } from 'vitest';
import { buildEventV2 } from '../../../../local/cloud/http-api/event-v2.ts';
import { mapResultV2 } from '../../../../local/cloud/http-api/response-v2.ts';

const route = {
  routeKey: 'POST /households/{id}',
  method: 'POST',
  path: '/households/{id}',
  payloadFormatVersion: '2.0',
  scopes: [],
};

describe('buildEventV2', () => {
  const event = buildEventV2(
    {
      method: 'POST',
      rawPath: '/households/h%201',
      rawQueryString: 'tag=a&tag=b&lang=fr',
      headers: {
        'content-type': 'application/json',
        'x-trace': ['1', '2'],
        cookie: 'a=1; b=2',
        'user-agent': 'curl/8',
      },
      body: Buffer.from('{"size":4}'),
      sourceIp: '127.0.0.1',
      time: new Date('2026-03-12T19:03:58.123Z'),
    },
    {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.localhost',
      stage: '$default',
      route,
      pathParameters: { id: 'h 1' },
      jwt: { claims: { sub: 'u1' }, scopes: null },
    },
  );

  it('has the payload format 2.0 shape', () => {
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /households/{id}',
      rawPath: '/households/h%201',
      rawQueryString: 'tag=a&tag=b&lang=fr',
      cookies: ['a=1', 'b=2'],
      headers: { 'content-type': 'application/json', 'x-trace': '1,2', 'user-agent': 'curl/8' },
      queryStringParameters: { tag: 'a,b', lang: 'fr' },
      pathParameters: { id: 'h 1' },
      body: '{"size":4}',
      isBase64Encoded: false,
      requestContext: {
        accountId: '123456789012',
        apiId: 'abc123',
        domainPrefix: 'abc123',
        http: {
          method: 'POST',
          path: '/households/h 1',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'curl/8',
        },
        stage: '$default',
        time: '12/Mar/2026:19:03:58 +0000',
        timeEpoch: Date.parse('2026-03-12T19:03:58.123Z'),
        authorizer: { jwt: { claims: { sub: 'u1' }, scopes: null } },
      },
    });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });
});

describe('mapResultV2', () => {
  it('passes a structured result through, decoding base64 bodies and keeping cookies', () => {
    const response = mapResultV2({
      statusCode: 201,
      headers: { 'Content-Type': 'text/csv' },
      cookies: ['s=1; HttpOnly'],
      body: Buffer.from('a,b').toString('base64'),
      isBase64Encoded: true,
    });
    expect(response).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'text/csv' },
      cookies: ['s=1; HttpOnly'],
      body: Buffer.from('a,b'),
    });
  });

  it('turns a plain object or string into a 200 JSON response, as API Gateway does', () => {
    expect(mapResultV2({ ok: true })).toMatchObject({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"ok":true}'),
    });
    expect(mapResultV2('hello').body.toString()).toBe('hello');
    expect(mapResultV2(null).body.toString()).toBe('null');
  });

  it('answers 500 for a status code that is not one', () => {
    expect(mapResultV2({ statusCode: 'teapot' }).statusCode).toBe(500);
  });
});
