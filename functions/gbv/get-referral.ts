import * as z from 'zod';
import { NotFoundError } from '#shared/errors/http-errors.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { idSchema } from '../schemas/common.ts';
import { partnerReferralView, referralView } from './case-views.ts';
import { gbvDeps } from './gbv-deps.ts';

/**
 * GET /gbv/referrals/{referralId}: the receiving partner sees the minimum needed to deliver the
 * service; the assigned caseworker and supervisors see the whole referral. Audited.
 */
export const handler = httpHandler({
  route: 'GET /gbv/referrals/{referralId}',
  path: z.strictObject({ referralId: idSchema }),
  core: async ({ path }, context) => {
    const { store, audit } = gbvDeps();
    const referral = await store.getReferral(path.referralId);
    if (!referral) throw new NotFoundError({ entityType: 'gbv-referral', entityId: path.referralId });
    const isPartner = context.principal.roles.includes('partner');
    const owner = isPartner ? undefined : await store.getCase(referral.caseId);
    context.authorize({
      partnerId: referral.partnerId,
      ...(owner ? { assignedCaseworkerId: owner.assignedCaseworkerId } : {}),
    });
    await audit.record({
      ...context.actor,
      action: 'gbv-referral.read',
      entityType: 'gbv-referral',
      entityId: referral.referralId,
      relatedIds: { caseId: referral.caseId },
    });
    const staff = context.principal.roles.some((role) => role === 'caseworker' || role === 'supervisor');
    return staff ? referralView(referral) : partnerReferralView(referral);
  },
});
