import { describe, expect, it } from 'vitest';
import { admit, authorize, type Principal } from '#shared/access-control.ts';
import { ForbiddenError } from '#shared/errors/http-errors.ts';

const partner: Principal = {
  subject: 'p',
  roles: ['partner'],
  partnerId: 'FeDe',
  permissions: [],
  via: 'jwt',
};
const intake: Principal = { subject: 'i', roles: ['intake'], permissions: [], via: 'jwt' };
const both: Principal = {
  subject: 'b',
  roles: ['partner', 'supervisor'],
  partnerId: 'FeDe',
  permissions: [],
  via: 'jwt',
};

describe('admit', () => {
  it('grants outright a role whose rule does not depend on the resource', () => {
    expect(admit(intake, 'GET /households/{id}')).toBe('granted');
  });

  it('lets an ownership rule through, owing a check on the loaded resource', () => {
    expect(admit(partner, 'GET /households/{id}')).toBe('needs-resource');
  });

  it('refuses a role absent from the route', () => {
    expect(() => admit(intake, 'GET /gbv/stats')).toThrow(ForbiddenError);
  });

  it('takes the most generous of several roles', () => {
    expect(admit(both, 'GET /uploads/{uploadId}')).toBe('granted');
  });
});

describe('authorize', () => {
  it('throws ForbiddenError with the route as an identifier-only parameter', () => {
    try {
      authorize(partner, 'GET /uploads/{uploadId}', { partnerId: 'AMSS' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as ForbiddenError).params).toEqual({ routeKey: 'GET /uploads/{uploadId}' });
    }
  });
});
