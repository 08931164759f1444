import { describe, expect, it } from 'vitest';
import { ROUTES } from '#infra/routes.ts';
import { ACCESS_MATRIX, type RouteAccess } from '#shared/access-control.ts';

/**
 * infra/routes.ts deploys the routes and lists their roles; the matrix decides in the handlers.
 * Both must describe the same API, or a route would be deployed that no handler can authorize.
 */
describe('infra route table against the access-control matrix', () => {
  const matrix: Record<string, RouteAccess> = ACCESS_MATRIX;

  it('deploys only routes the matrix knows', () => {
    const unknown = ROUTES.map((route) => `${route.method} ${route.path}`).filter((key) => !(key in matrix));
    expect(unknown).toEqual([]);
  });

  it('puts behind the JWT authorizer exactly the routes the matrix authenticates by JWT', () => {
    for (const route of ROUTES) {
      const access = matrix[`${route.method} ${route.path}`];
      if (!access) continue;
      if (route.roles === 'public') expect(access.auth).not.toBe('jwt');
      else expect([...route.roles].sort()).toEqual(Object.keys(access.grants).sort());
    }
  });
});
