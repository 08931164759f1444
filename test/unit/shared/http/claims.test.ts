import { describe, expect, it } from 'vitest';
import { UnauthorizedError } from '#shared/errors/http-errors.ts';
import { claimList, principalFromClaims } from '#shared/http/claims.ts';
import { fakeEvent } from '../fakes.ts';

describe('claimList', () => {
  it('reads the HTTP API authorizer’s flattened form', () => {
    expect(claimList('[intake supervisor]')).toEqual(['intake', 'supervisor']);
  });

  it('reads a JSON array string', () => {
    expect(claimList('["intake","partner"]')).toEqual(['intake', 'partner']);
  });

  it('reads a real array, a single value and separators', () => {
    expect(claimList(['caseworker'])).toEqual(['caseworker']);
    expect(claimList('supervisor')).toEqual(['supervisor']);
    expect(claimList('intake, partner')).toEqual(['intake', 'partner']);
    expect(claimList('[]')).toEqual([]);
    expect(claimList(undefined)).toEqual([]);
  });
});

describe('principalFromClaims', () => {
  const principalOf = (claims: Record<string, string | string[]> | undefined) =>
    principalFromClaims(fakeEvent({ routeKey: 'GET /households', ...(claims ? { claims } : {}) }));

  it('takes subject, roles, partner, and groups that are not roles as permissions', () => {
    expect(
      principalOf({
        sub: 'abc',
        'cognito:groups': '[supervisor gbv-consent-override]',
        'custom:partnerId': 'FeDe',
        'custom:permissions': 'forged-by-user',
      }),
    ).toEqual({
      subject: 'abc',
      roles: ['supervisor'],
      partnerId: 'FeDe',
      permissions: ['gbv-consent-override'],
      via: 'jwt',
    });
  });

  it('falls back to the username when there is no sub', () => {
    expect(principalOf({ username: 'u-7', 'cognito:groups': ['intake', 'intake'] })).toMatchObject({
      subject: 'u-7',
      roles: ['intake'],
    });
  });

  it('refuses a request without claims or without a subject', () => {
    expect(() => principalOf(undefined)).toThrow(UnauthorizedError);
    expect(() => principalOf({ 'cognito:groups': '[intake]' })).toThrow(UnauthorizedError);
  });
});
