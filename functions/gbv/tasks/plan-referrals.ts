import { ulid } from 'ulid';
import { planReferrals } from '#domain/gbv/plan-referrals.ts';
import { taskHandler } from '#shared/task/task-handler.ts';
import { caseKey } from '../../adapters/protection/keys.ts';
import { type Change, referralInboxItem, referralItem } from '../../adapters/protection/protection-store.ts';
import type { ReferralRecord } from '../../adapters/protection/records.ts';
import { gbvSettings, serviceDirectory } from '../gbv-config.ts';
import { type GbvDeps, gbvDeps } from '../gbv-deps.ts';
import { GbvItemMissingError } from '../gbv-errors.ts';
import { workflowActor } from '../workflow-actor.ts';
import { caseTaskSchema } from './task-input.ts';

/**
 * Plans the referrals of a case: one per consented service (urgent health first when the 72-hour
 * rule applies), each to the partner chosen from the service directory. Services without consent
 * are withheld and recorded on the case. Run again after a supervisor override, it plans only the
 * services not referred yet. Returns the ids of the referrals not sent yet (so a retry after a
 * partial failure hands the same ones to the workflow, and plans nothing twice).
 */
export async function planCaseReferrals(
  deps: Pick<GbvDeps, 'store'> & { newId?: () => string },
  caseId: string,
  requestId: string,
): Promise<{ referralIds: string[] }> {
  const record = await deps.store.getCase(caseId);
  if (!record) throw new GbvItemMissingError('gbv-case', caseId);
  const existing = await deps.store.referralsOf(caseId);
  const referred = new Set(existing.filter((r) => r.status !== 'REVOKED').map((r) => r.service));
  const unsent = existing.filter(
    (r) => r.status === 'IN_PROGRESS' && r.sentAt === null && r.waiting === null,
  );
  const full = planReferrals(record, serviceDirectory(), gbvSettings());
  const plan = {
    referrals: full.referrals.filter((r) => !referred.has(r.service)),
    withheld: full.withheld.filter((w) => !referred.has(w.service)),
    urgentHealthBlocked: full.urgentHealthBlocked && !referred.has('HEALTH'),
  };
  const newId = deps.newId ?? ulid;
  const referrals: ReferralRecord[] = plan.referrals.map((planned) => ({
    referralId: newId(),
    caseId,
    survivorCode: record.survivorCode,
    commune: record.commune,
    service: planned.service,
    partnerId: planned.partnerId,
    timeframe: planned.timeframe,
    urgent: planned.urgent,
    basis: planned.basis,
    status: 'IN_PROGRESS',
    sentAt: null,
    dueAt: null,
    previousPartnerIds: [],
    waiting: null,
  }));
  const changes: Change[] = [
    ...referrals.flatMap((r): Change[] => [
      { kind: 'put', item: referralItem(r), ifAbsent: true },
      { kind: 'put', item: referralInboxItem(r) },
    ]),
    {
      kind: 'update',
      key: caseKey(caseId),
      set: { withheld: plan.withheld, urgentHealthBlocked: plan.urgentHealthBlocked },
    },
  ];
  const actor = workflowActor(requestId);
  await deps.store.write(changes, [
    ...referrals.map((r) => ({
      ...actor,
      action: 'gbv-referral.create',
      entityType: 'gbv-referral',
      entityId: r.referralId,
      relatedIds: { caseId },
    })),
    { ...actor, action: 'gbv-case.plan-referrals', entityType: 'gbv-case', entityId: caseId },
  ]);
  return { referralIds: [...unsent, ...referrals].map((r) => r.referralId) };
}

/** Workflow task "Plan referrals". */
export const handler = taskHandler({
  name: 'gbv.plan-referrals',
  input: caseTaskSchema,
  core: ({ caseId }, { requestId }) => planCaseReferrals(gbvDeps(), caseId, requestId),
});
