import type { Clock } from '#domain/ports/clock.ts';
import type { AuditActor, AuditWriter } from '#shared/audit/audit-event.ts';
import type { HouseholdStore } from '../adapters/registry/household-store.ts';
import type { HouseholdRecord, HouseholdSource } from '../adapters/registry/records.ts';
import type { HouseholdCommand } from '../schemas/household.ts';
import type { StartIntake } from './start-intake.ts';

export interface RegistrationDeps {
  households: HouseholdStore;
  startIntake: StartIntake;
  audit: AuditWriter;
  clock: Clock;
  newId: () => string;
}

export interface Registration {
  command: HouseholdCommand;
  source: HouseholdSource;
  actor: AuditActor;
}

/** The 202 answer: the household is stored and its workflow started. */
export interface HouseholdAccepted {
  householdId: string;
  status: 'RECEIVED';
  executionArn: string;
}

/**
 * Stores a validated registration as RECEIVED and starts its intake workflow. Deduplication and
 * eligibility happen in the workflow; here only the Kobo guard can find the submission already
 * stored, in which case the first household (and its execution) is the answer.
 */
export async function registerHousehold(
  deps: RegistrationDeps,
  registration: Registration,
): Promise<HouseholdAccepted> {
  const at = deps.clock.now().toISOString();
  const { consent: _consent, ...household } = registration.command;
  const record: HouseholdRecord = {
    ...household,
    householdId: deps.newId(),
    status: 'RECEIVED',
    source: registration.source,
    consent: { dataProcessing: true, recordedAt: at },
    registeredBy: registration.actor.actor,
    ...(registration.actor.partnerId ? { partnerId: registration.actor.partnerId } : {}),
    createdAt: at,
    updatedAt: at,
  };
  const created = await deps.households.create(record);
  const householdId = created.created ? record.householdId : created.householdId;
  let executionArn: string;
  try {
    executionArn = await deps.startIntake(householdId);
  } catch (error) {
    // A form registration whose workflow cannot start is taken back, so the caller's retry (same
    // Idempotency-Key or not) leaves no household behind that nothing will ever process. A Kobo
    // one stays: a redelivery finds it through its guard and starts the workflow then.
    if (created.created && registration.source.channel === 'api') await deps.households.withdraw(householdId);
    throw error;
  }
  if (created.created) {
    await deps.audit.record({
      ...registration.actor,
      action: 'household.register',
      entityType: 'household',
      entityId: householdId,
    });
  }
  return { householdId, status: 'RECEIVED', executionArn };
}
