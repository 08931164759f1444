import { describe, expect, it } from 'vitest';
import { createRouteMatcher } from '../../../../local/cloud/http-api/route-matcher.ts';
import type { RouteModel } from '../../../../local/cloud/model/http-apis.ts';

const route = (routeKey: string): RouteModel => {
  const [method, path] = routeKey === '$default' ? ['$default', ''] : routeKey.split(' ');
  return { routeKey, method: method!, path: path!, payloadFormatVersion: '2.0', scopes: [] };
};

describe('createRouteMatcher', () => {
  const match = createRouteMatcher(
    [
      'GET /households',
      'GET /households/{id}',
      'GET /households/search',
      'ANY /households/{id}',
      'GET /files/{proxy+}',
      '$default',
    ].map(route),
  );

  it('prefers literal segments over parameters, and a method over ANY', () => {
    expect(match('GET', '/households/search')?.route.routeKey).toBe('GET /households/search');
    expect(match('GET', '/households/h-1')).toEqual({
      route: expect.objectContaining({ routeKey: 'GET /households/{id}' }),
      pathParameters: { id: 'h-1' },
    });
    expect(match('DELETE', '/households/h-1')?.route.routeKey).toBe('ANY /households/{id}');
  });

  it('captures the rest of the path in a greedy parameter', () => {
    expect(match('GET', '/files/a/b%20c/d.csv')?.pathParameters).toEqual({ proxy: 'a/b c/d.csv' });
  });

  it('decodes each segment after splitting, so an encoded slash stays in its parameter', () => {
    expect(match('GET', '/households/a%2Fb')?.pathParameters).toEqual({ id: 'a/b' });
    expect(() => match('GET', '/households/%E0%A4%A')).toThrow(URIError);
  });

  it('falls back to $default, or to nothing when the API has none', () => {
    expect(match('POST', '/unknown')?.route.routeKey).toBe('$default');
    expect(createRouteMatcher([route('GET /a')])('GET', '/b')).toBeUndefined();
  });
});
