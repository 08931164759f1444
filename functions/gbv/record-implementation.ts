import * as z from 'zod';
import { NotFoundError } from '#shared/errors/http-errors.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { referralKey } from '../adapters/protection/keys.ts';
import { idSchema } from '../schemas/common.ts';
import { referralCompletionSchema } from '../schemas/referral-response.ts';
import { gbvDeps } from './gbv-deps.ts';
import { StepNotAwaitedError } from './gbv-errors.ts';

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
    const referral = await store.getReferral(path.referralId);
    if (!referral) throw new NotFoundError({ entityType: 'gbv-referral', entityId: path.referralId });
    context.authorize({ partnerId: referral.partnerId });
    const waiting = referral.waiting;
    if (referral.status !== 'ACCEPTED' || waiting?.step !== 'IMPLEMENTATION')
      throw new StepNotAwaitedError({
        entityType: 'gbv-referral',
        entityId: referral.referralId,
        step: 'implementation',
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
