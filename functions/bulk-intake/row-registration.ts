import type * as z from 'zod';
import { mapCsvRow } from '#domain/bulk/map-csv-row.ts';
import { identityFingerprint } from '#domain/dedupe/identity-fingerprint.ts';
import type { AuditActor } from '#shared/audit/audit-event.ts';
import type { RunOnce } from '#shared/idempotency/run-once.ts';
import type { IdentityOwner } from '../adapters/uploads/identity-guards.ts';
import { type RegistrationDeps, registerHousehold } from '../intake/registration.ts';
import { formatIssues } from '../schemas/format-issues.ts';
import type { HouseholdCommand } from '../schemas/household.ts';
import type { RowOutcome } from './row-outcome.ts';

export interface RowRegistrationDeps {
  /** The POST /households body schema (with the P-code table): one validation for every channel. */
  schema: z.ZodType<HouseholdCommand>;
  identityOwner: IdentityOwner;
  /**
   * Once per identity fingerprint (idempotency store): a row repeating an identity that a bulk
   * row registered already (whose intake may not have claimed the guard yet) registers nothing.
   */
  identityOnce: RunOnce;
  registration: RegistrationDeps;
}

/**
 * One beneficiary-list row through the same path as POST /households: mapped to the command,
 * validated by the same schema (field reasons in French and English), then stored as RECEIVED and
 * its intake workflow started by the same registration function. An identity already registered
 * is reported DUPLICATE without storing anything: re-sending a file registers nothing new.
 */
export async function registerRow(
  deps: RowRegistrationDeps,
  values: Readonly<Record<string, string>>,
  actor: AuditActor,
): Promise<RowOutcome> {
  const parsed = deps.schema.safeParse(mapCsvRow(values));
  if (!parsed.success) {
    const fr = formatIssues(parsed.error, 'fr');
    const en = formatIssues(parsed.error, 'en');
    return {
      status: 'INVALID',
      reasons: en.map((issue, index) => ({
        field: issue.path,
        fr: fr[index]?.message ?? '',
        en: issue.message,
      })),
    };
  }
  // The intake workflow's deduplication is still what guarantees uniqueness (the guard item);
  // this look-up only spares a household record for an identity registered already.
  const fingerprint = identityFingerprint(parsed.data);
  const owner = await deps.identityOwner(fingerprint);
  if (owner) return { status: 'DUPLICATE', householdId: owner };
  let registeredNow = false;
  const householdId = await deps.identityOnce(fingerprint, undefined, async () => {
    const accepted = await registerHousehold(deps.registration, {
      command: parsed.data,
      source: { channel: 'api' },
      actor,
    });
    registeredNow = true;
    return accepted.householdId;
  });
  return { status: registeredNow ? 'REGISTERED' : 'DUPLICATE', householdId };
}
