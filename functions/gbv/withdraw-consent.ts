import * as z from 'zod';
import { isWithdrawn, withdrawConsents } from '#domain/gbv/consent.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { caseKey, referralKey } from '../adapters/protection/keys.ts';
import type { Change } from '../adapters/protection/protection-store.ts';
import { idSchema } from '../schemas/common.ts';
import { consentWithdrawalSchema } from '../schemas/consent-change.ts';
import { gbvDeps } from './gbv-deps.ts';
import { loadOpenCase } from './load-case.ts';
import { REFERRAL_REVOKED } from './workflow-callbacks.ts';

/** Referral states a withdrawal revokes: sent, accepted, or back with the caseworker. */
const REVOCABLE = new Set(['IN_PROGRESS', 'ACCEPTED', 'RETURNED']);

/**
 * POST /gbv/cases/{caseId}/consent-withdrawal: the survivor withdraws consent (for some services
 * or partners, or everything). Consents are kept as not granted (history), pending referrals it
 * covers are revoked, and each waiting workflow step of theirs is failed with Gbv.ReferralRevoked,
 * which the workflow catches to end that referral cleanly.
 */
export const handler = httpHandler({
  route: 'POST /gbv/cases/{caseId}/consent-withdrawal',
  path: z.strictObject({ caseId: idSchema }),
  body: consentWithdrawalSchema,
  core: async ({ path, body }, context) => {
    const { store, callbacks, clock } = gbvDeps();
    const record = await loadOpenCase(store, path.caseId, context);
    const scope = { services: body.services, partnerIds: body.partnerIds };
    const referrals = await store.referralsOf(record.caseId);
    const revoked = referrals.filter(
      (r) => REVOCABLE.has(r.status) && isWithdrawn(scope, r.service, r.partnerId),
    );
    const at = clock.now().toISOString();
    const changes: Change[] = [
      {
        kind: 'update',
        key: caseKey(record.caseId),
        set: {
          consents: withdrawConsents(record.consents, scope),
          ...(body.statistics ? { statisticsConsent: false } : {}),
          ...(body.note ? { consentWithdrawalNote: body.note } : {}),
        },
      },
      ...revoked.map(
        (r): Change => ({
          kind: 'update',
          key: referralKey(r.referralId),
          expect: { status: r.status },
          set: { status: 'REVOKED', revokedAt: at, waiting: null },
        }),
      ),
    ];
    await store.write(changes, [
      {
        ...context.actor,
        action: 'gbv-case.consent-withdraw',
        entityType: 'gbv-case',
        entityId: record.caseId,
      },
      ...revoked.map((r) => ({
        ...context.actor,
        action: 'gbv-referral.revoke',
        entityType: 'gbv-referral',
        entityId: r.referralId,
        relatedIds: { caseId: record.caseId },
      })),
    ]);
    for (const r of revoked) {
      if (r.waiting)
        await callbacks.fail(r.waiting.taskToken, REFERRAL_REVOKED, `Referral ${r.referralId} revoked`);
    }
    return { caseId: record.caseId, revokedReferralIds: revoked.map((r) => r.referralId) };
  },
});
