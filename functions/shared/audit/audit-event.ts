import type { Principal } from '../access-control/principal.ts';

/**
 * One append-only audit record: who did what to which entity, when, from which request.
 * Identifiers only: no value of any personal field ever goes in here.
 */
export interface AuditEvent {
  /** Verb on an entity, dotted: `household.register`, `gbv-case.read`, `stock.receipt`. */
  action: string;
  entityType: string;
  entityId: string;
  /** Other entities involved, by id (`{ allocationId }`, `{ referralId }`). */
  relatedIds?: Readonly<Record<string, string>>;
  actor: string;
  roles: readonly string[];
  partnerId?: string;
  requestId: string;
}

/** Who is acting and from which request: what a handler spreads into each AuditEvent. */
export type AuditActor = Pick<AuditEvent, 'actor' | 'roles' | 'partnerId' | 'requestId'>;

export function auditActor(principal: Principal, requestId: string): AuditActor {
  return {
    actor: principal.subject,
    roles: principal.via === 'jwt' ? principal.roles : [principal.via],
    ...(principal.partnerId === undefined ? {} : { partnerId: principal.partnerId }),
    requestId,
  };
}

/** Port: where audit records go. Handlers and tasks depend on this, not on DynamoDB. */
export interface AuditWriter {
  record(event: AuditEvent): Promise<void>;
}

// Identifiers are opaque tokens; a space or an `@` means a name or an address slipped in.
// `+` and `=`: API Gateway request ids are base64 (e.g. `kfs0EXygIvu+/A==`).
const IDENTIFIER = /^[A-Za-z0-9._:#/+=-]{1,200}$/;

/** Refuses a record whose identifiers look like free text, before anything is written. */
export function assertIdentifiersOnly(event: AuditEvent): void {
  const values = [
    event.action,
    event.entityType,
    event.entityId,
    event.actor,
    event.requestId,
    ...(event.partnerId === undefined ? [] : [event.partnerId]),
    ...event.roles,
    ...Object.keys(event.relatedIds ?? {}),
    ...Object.values(event.relatedIds ?? {}),
  ];
  const bad = values.find((value) => !IDENTIFIER.test(value));
  if (bad !== undefined) throw new TypeError('Audit records take identifiers only');
}
