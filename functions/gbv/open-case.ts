import { ulid } from 'ulid';
import { nextFollowUpDue } from '#domain/gbv/follow-up-schedule.ts';
import { generateSurvivorCode } from '#domain/gbv/survivor-code.ts';
import { needsUrgentHealthReferral } from '#domain/gbv/urgent-health.ts';
import type { RandomBytes } from '#domain/ports/random.ts';
import type { AuditActor } from '#shared/audit/audit-event.ts';
import { caseItem, identityItem } from '../adapters/protection/protection-store.ts';
import type { CaseRecord } from '../adapters/protection/records.ts';
import type { GbvCaseCommand } from '../schemas/gbv-case.ts';
import { gbvSettings } from './gbv-config.ts';
import type { GbvDeps } from './gbv-deps.ts';
import type { StartReferralWorkflow } from './start-referral-workflow.ts';

export interface OpenCaseDeps extends Pick<GbvDeps, 'store' | 'clock'> {
  random: RandomBytes;
  startWorkflow: StartReferralWorkflow;
  newId?: () => string;
}

/**
 * Opens a case assigned to the caseworker who registers it: the case file and the identifying
 * details (if any) go to the protection table with their audit record in one transaction, then
 * the gbv-referral workflow starts with the case id alone.
 */
export async function openCase(
  deps: OpenCaseDeps,
  command: GbvCaseCommand,
  actor: AuditActor,
): Promise<{ caseId: string; survivorCode: string }> {
  const settings = gbvSettings();
  const caseId = (deps.newId ?? ulid)();
  const survivorCode = generateSurvivorCode(deps.random);
  const openedAt = deps.clock.now();
  const record: CaseRecord = {
    caseId,
    survivorCode,
    incidentType: command.incidentType,
    incidentDate: command.incidentDate,
    reportedAt: command.reportedAt,
    commune: command.commune,
    riskLevel: command.riskLevel,
    servicesNeeded: [...command.servicesNeeded],
    consents: command.consent.referrals.map((c) => ({ ...c })),
    statisticsConsent: command.consent.statistics,
    overrides: [],
    assignedCaseworkerId: actor.actor,
    status: 'OPEN',
    openedAt: openedAt.toISOString(),
    lastContactAt: openedAt.toISOString(),
    nextFollowUpDueAt: nextFollowUpDue(
      { riskLevel: command.riskLevel, openedAt },
      settings.followUp,
    ).toISOString(),
    followUpCount: 0,
    overdueFollowUp: null,
    withheld: [],
    urgentHealth: needsUrgentHealthReferral(command, settings.urgentHealth),
    urgentHealthBlocked: false,
    closure: null,
    waiting: null,
  };
  const identity = command.identifyingDetails;
  await deps.store.write(
    [
      { kind: 'put', item: caseItem(record), ifAbsent: true },
      ...(identity && Object.keys(identity).length > 0
        ? [{ kind: 'put' as const, item: identityItem(caseId, identity), ifAbsent: true }]
        : []),
    ],
    [{ ...actor, action: 'gbv-case.open', entityType: 'gbv-case', entityId: caseId }],
  );
  await deps.startWorkflow(caseId);
  return { caseId, survivorCode };
}
