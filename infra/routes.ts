import type { FunctionUses } from './bindings.ts';
import type { Role } from './roles.ts';

export type HttpVerb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP route. The service stack creates one Lambda per distinct `function` (an entry file
 * under `functions/`), grants it what `uses` lists, and adds the route behind the JWT
 * authorizer unless `roles` is `'public'`.
 *
 * `roles` also reaches the function as `ROUTE_ROLES` (comma-separated): the authorizer only
 * proves who the caller is, the handler decides whether that role may act.
 */
export interface RouteSpec {
  readonly method: HttpVerb;
  readonly path: string;
  readonly function: string;
  readonly roles: readonly Role[] | 'public';
  /**
   * Why a public route needs no JWT; becomes the reason of its cdk-nag acknowledgment (e.g.
   * "KoboToolbox cannot hold a token: the handler checks the shared-secret header").
   */
  readonly publicBecause?: string;
  readonly uses?: FunctionUses;
}

/** Every route of the API. Adding an endpoint is adding a row. */
export const ROUTES: readonly RouteSpec[] = [
  {
    method: 'GET',
    path: '/health',
    function: 'health/get-health.ts',
    roles: 'public',
    publicBecause: 'Liveness probe for uptime checks: it returns only a status and the code version.',
  },
];
