import * as z from 'zod';
import { httpHandler } from '#shared/http/http-handler.ts';
import { referralKey } from '../adapters/protection/keys.ts';
import { idSchema } from '../schemas/common.ts';
import { referralCompletionSchema } from '../schemas/referral-response.ts';
import { gbvDeps } from './gbv-deps.ts';
import { partnerReferralAt } from './partner-referral-step.ts';

/**
 * POST /gbv/referrals/{referralId}/implementation: the provider (receiving partner) records the
 * service as implemented, with a note kept in the protection table; the referral is DONE.
 */
export const handler = httpHandler({
  route: 'POST /gbv/referrals/{referralId}/implementation',
  path: z.strictObject({ referralId: idSchema }),
  body: referralCompletionSchema,
  core: async ({ path, body }, context) => {
    const { store, callbacks, clock } = gbvDeps();
    const { referral, waiting } = await partnerReferralAt(store, path.referralId, context, {
      status: 'ACCEPTED',
      step: 'IMPLEMENTATION',
      stepName: 'implementation',
    });
    const at = clock.now().toISOString();
    await store.write(
      [
        {
          kind: 'update',
          key: referralKey(referral.referralId),
          expect: { status: 'ACCEPTED' },
          set: { status: 'DONE', implementedAt: at, implementationNote: body.note, waiting: null },
        },
      ],
      [
        {
          ...context.actor,
          action: 'gbv-referral.implement',
          entityType: 'gbv-referral',
          entityId: referral.referralId,
          relatedIds: { caseId: referral.caseId },
        },
      ],
    );
    await callbacks.succeed(waiting.taskToken, { outcome: 'DONE' });
    return { referralId: referral.referralId, status: 'DONE' };
  },
});
