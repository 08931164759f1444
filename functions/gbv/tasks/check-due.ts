import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type * as z from 'zod';
import { isFollowUpOverdue } from '#domain/gbv/follow-up-schedule.ts';
import { metrics } from '#shared/observability/metrics.ts';
import { taskHandler } from '#shared/task/task-handler.ts';
import { caseKey, referralKey } from '../../adapters/protection/keys.ts';
import { type GbvDeps, gbvDeps } from '../gbv-deps.ts';
import { GbvItemMissingError } from '../gbv-errors.ts';
import { workflowActor } from '../workflow-actor.ts';
import type { checkDueSchema } from './task-input.ts';
import { checkDueSchema as schema } from './task-input.ts';

/** Metric the follow-ups-overdue alarm watches (infra/constructs/monitoring.ts, namespace Casework). */
export const FOLLOW_UPS_OVERDUE_METRIC = 'FollowUpsOverdue';

/** Publishes one overdue follow-up: no dimension at all (a case id would identify and explode). */
export type OverdueCounter = () => void;

/**
 * Runs when a waiting step's periodic check fires (its heartbeat lapsed). Deadlines live in the
 * protection table, not in the workflow, because a 1-hour timeframe in the execution history
 * would tell every operator that a rape was reported within 72 hours.
 * - Partner response past its due date: the referral returns to the caseworker (NO_ANSWER).
 * - Follow-up past its due date: the case is flagged overdue and the metric counts it.
 */
export async function checkDue(
  deps: Pick<GbvDeps, 'store'> & { countOverdue: OverdueCounter },
  input: z.output<typeof checkDueSchema>,
  requestId: string,
): Promise<{ due: boolean }> {
  const at = new Date(input.at);
  if (input.step === 'PARTNER_RESPONSE' && input.referralId) {
    const referral = await deps.store.getReferral(input.referralId);
    if (!referral) throw new GbvItemMissingError('gbv-referral', input.referralId);
    if (referral.status !== 'IN_PROGRESS' || !referral.dueAt) return { due: false };
    if (at.getTime() <= Date.parse(referral.dueAt)) return { due: false };
    await deps.store.write(
      [
        {
          kind: 'update',
          key: referralKey(referral.referralId),
          expect: { status: 'IN_PROGRESS' },
          set: {
            status: 'RETURNED',
            returnedBecause: 'NO_ANSWER',
            previousPartnerIds: [...referral.previousPartnerIds, referral.partnerId],
            waiting: null,
          },
        },
      ],
      [
        {
          ...workflowActor(requestId),
          action: 'gbv-referral.no-answer',
          entityType: 'gbv-referral',
          entityId: referral.referralId,
          relatedIds: { caseId: referral.caseId },
        },
      ],
    );
    return { due: true };
  }
  const record = await deps.store.getCase(input.caseId);
  if (!record) throw new GbvItemMissingError('gbv-case', input.caseId);
  if (record.status !== 'OPEN' || !isFollowUpOverdue(new Date(record.nextFollowUpDueAt), at))
    return { due: false };
  if (!record.overdueFollowUp) {
    await deps.store.write(
      [
        {
          kind: 'update',
          key: caseKey(record.caseId),
          expect: { status: 'OPEN', nextFollowUpDueAt: record.nextFollowUpDueAt },
          set: { overdueFollowUp: { dueAt: record.nextFollowUpDueAt, markedAt: input.at } },
        },
      ],
      [
        {
          ...workflowActor(requestId),
          action: 'gbv-case.follow-up-overdue',
          entityType: 'gbv-case',
          entityId: record.caseId,
        },
      ],
    );
  }
  // Counted at every check while overdue, so the alarm stays raised until someone visits.
  deps.countOverdue();
  return { due: true };
}

const countOverdue: OverdueCounter = () => {
  const metric = metrics.singleMetric();
  // The service dimension Powertools adds by default would not match the alarm's dimensionless metric.
  metric.clearDefaultDimensions();
  metric.addMetric(FOLLOW_UPS_OVERDUE_METRIC, MetricUnit.Count, 1);
};

/** Workflow tasks "Check answer due" and "Check follow-up due". */
export const handler = taskHandler({
  name: 'gbv.check-due',
  input: schema,
  core: (input, { requestId }) => checkDue({ ...gbvDeps(), countOverdue }, input, requestId),
});
