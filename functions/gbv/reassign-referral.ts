import * as z from 'zod';
import { referralConsentBasis } from '#domain/gbv/consent.ts';
import { partnerOffers } from '#domain/gbv/service-directory.ts';
import { ConsentMissingError } from '#shared/errors/domain-conflicts.ts';
import { NotFoundError } from '#shared/errors/http-errors.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { referralKey } from '../adapters/protection/keys.ts';
import { inboxMove } from '../adapters/protection/protection-store.ts';
import { idSchema } from '../schemas/common.ts';
import { reassignmentSchema } from '../schemas/referral-response.ts';
import { serviceDirectory } from './gbv-config.ts';
import { gbvDeps } from './gbv-deps.ts';
import { PartnerNotInDirectoryError, StepNotAwaitedError } from './gbv-errors.ts';

export { reassignmentSchema };

/**
 * POST /gbv/referrals/{referralId}/reassignment: the assigned caseworker sends a returned referral
 * (declined, or unanswered within its timeframe) to another partner. That partner must have the
 * survivor's consent (or a supervisor override) and offer the service in the case's area.
 */
export const handler = httpHandler({
  route: 'POST /gbv/referrals/{referralId}/reassignment',
  path: z.strictObject({ referralId: idSchema }),
  body: reassignmentSchema,
  core: async ({ path, body }, context) => {
    const { store, callbacks } = gbvDeps();
    const referral = await store.getReferral(path.referralId);
    if (!referral) throw new NotFoundError({ entityType: 'gbv-referral', entityId: path.referralId });
    const record = await store.getCase(referral.caseId);
    if (!record) throw new NotFoundError({ entityType: 'gbv-case', entityId: referral.caseId });
    context.authorize({ assignedCaseworkerId: record.assignedCaseworkerId });
    const waiting = referral.waiting;
    if (referral.status !== 'RETURNED' || waiting?.step !== 'REASSIGNMENT')
      throw new StepNotAwaitedError({
        entityType: 'gbv-referral',
        entityId: referral.referralId,
        step: 'reassignment',
      });
    const basis = referralConsentBasis(record.consents, record.overrides, referral.service, body.partnerId);
    if (!basis) throw new ConsentMissingError({ caseId: record.caseId });
    if (!partnerOffers(serviceDirectory(), record.commune, referral.service, body.partnerId))
      throw new PartnerNotInDirectoryError({ referralId: referral.referralId, partnerId: body.partnerId });
    await store.write(
      [
        {
          kind: 'update',
          key: referralKey(referral.referralId),
          expect: { status: 'RETURNED' },
          set: {
            status: 'IN_PROGRESS',
            partnerId: body.partnerId,
            basis,
            sentAt: null,
            dueAt: null,
            waiting: null,
          },
        },
        inboxMove(referral.referralId, body.partnerId),
      ],
      [
        {
          ...context.actor,
          action: 'gbv-referral.reassign',
          entityType: 'gbv-referral',
          entityId: referral.referralId,
          relatedIds: { caseId: referral.caseId, partnerId: body.partnerId },
        },
      ],
    );
    await callbacks.succeed(waiting.taskToken, { decision: 'REASSIGNED' });
    return { referralId: referral.referralId, status: 'IN_PROGRESS', partnerId: body.partnerId };
  },
});
