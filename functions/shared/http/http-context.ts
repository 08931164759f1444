import type { Context } from 'aws-lambda';
import type { Language } from '#domain/i18n/language.ts';
import { authorize, type ListScope, listScope } from '../access-control/authorize.ts';
import type { RouteKey } from '../access-control/matrix.ts';
import type { Principal } from '../access-control/principal.ts';
import type { ResourceOwners } from '../access-control/rules.ts';
import { type AuditActor, auditActor } from '../audit/audit-event.ts';

/** What a core function receives besides its validated input. */
export interface HttpContext {
  routeKey: RouteKey;
  principal: Principal;
  /** The API Gateway request id, also sent back as `x-request-id` and written in audit records. */
  requestId: string;
  lang: Language;
  /** Request headers, lower-cased names. */
  headers: Readonly<Record<string, string | undefined>>;
  lambdaContext: Context;
  /** Who acts, for audit records: spread it into each AuditEvent. */
  actor: AuditActor;
  /** Ownership check once the resource is loaded; throws ForbiddenError. */
  authorize(resource: ResourceOwners): void;
  /** For list routes: the rows this caller may see. */
  scope(): ListScope;
}

export interface OwnershipTracker {
  context: HttpContext;
  /** Throws if the matrix required an ownership check and the core made none. */
  assertChecked(): void;
}

/**
 * Builds the context and remembers whether the core made the ownership check the matrix asks
 * for. A forgotten check fails closed: the answer becomes a 500 instead of leaking a resource.
 */
export function httpContext(
  base: Omit<HttpContext, 'actor' | 'authorize' | 'scope'>,
  ownershipPending: boolean,
): OwnershipTracker {
  let checked = !ownershipPending;
  const context: HttpContext = {
    ...base,
    actor: auditActor(base.principal, base.requestId),
    authorize(resource) {
      authorize(base.principal, base.routeKey, resource);
      checked = true;
    },
    scope() {
      const scope = listScope(base.principal, base.routeKey);
      checked = true;
      return scope;
    },
  };
  return {
    context,
    assertChecked() {
      if (!checked) throw new Error(`${base.routeKey}: ownership check missing in handler`);
    },
  };
}
