import type { Principal } from './principal.ts';

/** What a handler knows about the resource once loaded: owners only, never content. */
export interface ResourceOwners {
  /** Organisation that owns the resource (registered the household, receives the referral, …). */
  partnerId?: string;
  /** Subject id of the caseworker assigned to the GBV case. */
  assignedCaseworkerId?: string;
}

/**
 * How a role may use a route:
 * - `any`: always;
 * - `ownPartner`: only resources of the caller's own partner organisation;
 * - `assignedCaseworker`: only GBV cases assigned to the caller;
 * - `{ permission }`: only if the caller holds that extra grant.
 */
export type Rule = 'any' | 'ownPartner' | 'assignedCaseworker' | { permission: string };

/** Ownership rules as plain predicates; the matrix names them, handlers never re-implement them. */
export function ownPartner(principal: Principal, resource: ResourceOwners): boolean {
  return principal.partnerId !== undefined && resource.partnerId === principal.partnerId;
}

export function assignedCaseworker(principal: Principal, resource: ResourceOwners): boolean {
  return resource.assignedCaseworkerId !== undefined && resource.assignedCaseworkerId === principal.subject;
}

export function holdsPermission(principal: Principal, permission: string): boolean {
  return principal.permissions.includes(permission);
}

/** True when the rule depends on the resource, so the handler must check after loading it. */
export function needsResource(rule: Rule): boolean {
  return rule === 'ownPartner' || rule === 'assignedCaseworker';
}

export function ruleAllows(rule: Rule, principal: Principal, resource?: ResourceOwners): boolean {
  if (rule === 'any') return true;
  if (rule === 'ownPartner') return resource !== undefined && ownPartner(principal, resource);
  if (rule === 'assignedCaseworker') return resource !== undefined && assignedCaseworker(principal, resource);
  return holdsPermission(principal, rule.permission);
}

export function describeRule(rule: Rule): string {
  if (typeof rule === 'string') return rule;
  return `permission:${rule.permission}`;
}
