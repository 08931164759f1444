import { ForbiddenError } from '../errors/http-errors.ts';
import { type RouteKey, routeAccess } from './matrix.ts';
import type { Principal } from './principal.ts';
import { needsResource, type ResourceOwners, type Rule, ruleAllows } from './rules.ts';

/** The rules that apply to this caller on this route, one per role it holds. */
export function rulesFor(principal: Principal, routeKey: RouteKey): Rule[] {
  const { grants } = routeAccess(routeKey);
  return principal.roles.flatMap((role) => {
    const rule = grants[role];
    return rule === undefined ? [] : [rule];
  });
}

/**
 * Whether the caller may use the route, with the resource's owners when the rule depends
 * on them. Without a resource, an ownership rule answers false (fail closed).
 */
export function isAllowed(principal: Principal, routeKey: RouteKey, resource?: ResourceOwners): boolean {
  const access = routeAccess(routeKey);
  if (access.auth === 'public') return true;
  if (access.auth === 'shared-secret') return principal.via === 'shared-secret';
  if (principal.via !== 'jwt') return false;
  return rulesFor(principal, routeKey).some((rule) => ruleAllows(rule, principal, resource));
}

/** Throws ForbiddenError unless the caller may act on this resource. */
export function authorize(principal: Principal, routeKey: RouteKey, resource?: ResourceOwners): void {
  if (!isAllowed(principal, routeKey, resource)) throw new ForbiddenError({ routeKey });
}

/**
 * The check before the resource is loaded: refuses a caller none of whose roles could ever be
 * allowed, and says whether the handler still owes an ownership check.
 */
export function admit(principal: Principal, routeKey: RouteKey): 'granted' | 'needs-resource' {
  if (isAllowed(principal, routeKey)) return 'granted';
  const pending = rulesFor(principal, routeKey).some(needsResource);
  if (principal.via === 'jwt' && pending) return 'needs-resource';
  throw new ForbiddenError({ routeKey });
}

/** Which rows of a list the caller may see. */
export type ListScope =
  | { kind: 'all' }
  | { kind: 'partner'; partnerId: string }
  | { kind: 'caseworker'; caseworkerId: string };

/** For list routes: the filter the handler must apply to its query. */
export function listScope(principal: Principal, routeKey: RouteKey): ListScope {
  const rules = principal.via === 'jwt' ? rulesFor(principal, routeKey) : [];
  if (rules.some((rule) => ruleAllows(rule, principal))) return { kind: 'all' };
  if (rules.includes('ownPartner') && principal.partnerId !== undefined) {
    return { kind: 'partner', partnerId: principal.partnerId };
  }
  if (rules.includes('assignedCaseworker')) return { kind: 'caseworker', caseworkerId: principal.subject };
  throw new ForbiddenError({ routeKey });
}
