import * as z from 'zod';
import { httpHandler } from '#shared/http/http-handler.ts';
import { referralKey } from '../adapters/protection/keys.ts';
import { idSchema } from '../schemas/common.ts';
import { referralResponseSchema } from '../schemas/referral-response.ts';
import { gbvDeps } from './gbv-deps.ts';
import { partnerReferralAt } from './partner-referral-step.ts';

/**
 * POST /gbv/referrals/{referralId}/response: only the receiving partner accepts or declines. A
 * decline returns the referral to the caseworker, who chooses another partner (reassignment).
 * The workflow gets the decision only; the reason and note stay in the protection table.
 */
export const handler = httpHandler({
  route: 'POST /gbv/referrals/{referralId}/response',
  path: z.strictObject({ referralId: idSchema }),
  body: referralResponseSchema,
  core: async ({ path, body }, context) => {
    const { store, callbacks, clock } = gbvDeps();
    const { referral, waiting } = await partnerReferralAt(store, path.referralId, context, {
      status: 'IN_PROGRESS',
      step: 'PARTNER_RESPONSE',
      stepName: 'response',
    });
    const at = clock.now().toISOString();
    const accepted = body.decision === 'ACCEPT';
    await store.write(
      [
        {
          kind: 'update',
          key: referralKey(referral.referralId),
          expect: { status: 'IN_PROGRESS' },
          set: accepted
            ? {
                status: 'ACCEPTED',
                respondedAt: at,
                waiting: null,
                ...(body.note ? { responseNote: body.note } : {}),
              }
            : {
                status: 'RETURNED',
                respondedAt: at,
                returnedBecause: 'DECLINED',
                declineReason: body.declineReason,
                previousPartnerIds: [...referral.previousPartnerIds, referral.partnerId],
                waiting: null,
                ...(body.note ? { responseNote: body.note } : {}),
              },
        },
      ],
      [
        {
          ...context.actor,
          action: accepted ? 'gbv-referral.accept' : 'gbv-referral.decline',
          entityType: 'gbv-referral',
          entityId: referral.referralId,
          relatedIds: { caseId: referral.caseId },
        },
      ],
    );
    await callbacks.succeed(waiting.taskToken, { decision: body.decision });
    return { referralId: referral.referralId, status: accepted ? 'ACCEPTED' : 'RETURNED' };
  },
});
