import { ValidationError } from '#shared/errors/http-errors.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import type { ReferralRecord } from '../adapters/protection/records.ts';
import { encodeReferralCursor, listReferralsQuerySchema } from '../schemas/gbv-referral-list.ts';
import { partnerReferralView, referralView } from './case-views.ts';
import { gbvDeps } from './gbv-deps.ts';

const partnerIdRequired = () =>
  new ValidationError({
    fields: {
      fr: [{ path: 'query.partnerId', message: 'Indiquez le partenaire dont lister les référencements' }],
      en: [{ path: 'query.partnerId', message: 'Name the partner whose referrals to list' }],
    },
  });

/**
 * GET /gbv/referrals: the referrals sent to one partner, newest first, from its inbox index
 * (GSI1 `PARTNER#<partnerId>`). A partner always gets its own organisation's, from its token,
 * in the same minimal view as the single read; staff name the partner (`?partnerId=`), and a
 * caseworker sees only referrals of the cases assigned to them. Audited like every GBV read.
 */
export const handler = httpHandler({
  route: 'GET /gbv/referrals',
  query: listReferralsQuerySchema,
  core: async ({ query }, context) => {
    const scope = context.scope();
    const partnerId = scope.kind === 'partner' ? scope.partnerId : query.partnerId;
    if (!partnerId) throw partnerIdRequired();
    const { store, audit } = gbvDeps();
    const caseworkerOwns = async (referral: ReferralRecord) =>
      scope.kind !== 'caseworker' ||
      (await store.getCase(referral.caseId))?.assignedCaseworkerId === scope.caseworkerId;

    const found: ReferralRecord[] = [];
    let before = query.cursor;
    let more = true;
    // A status filter or the caseworker rule can thin a page out: read on until the page is full.
    while (more && found.length < query.limit) {
      const page = await store.referralIdsTo(partnerId, {
        limit: query.limit,
        ...(before ? { before } : {}),
      });
      for (const [index, referralId] of page.referralIds.entries()) {
        before = referralId;
        const referral = await store.getReferral(referralId);
        // The inbox entry moves with a reassignment; the referral item is the truth.
        if (!referral || referral.partnerId !== partnerId) continue;
        if (query.status && referral.status !== query.status) continue;
        if (!(await caseworkerOwns(referral))) continue;
        found.push(referral);
        if (found.length === query.limit) {
          more = index < page.referralIds.length - 1 || page.next !== undefined;
          break;
        }
      }
      if (found.length < query.limit) more = page.next !== undefined;
    }

    await audit.record({
      ...context.actor,
      action: 'gbv-referral.list',
      entityType: 'gbv-partner-referrals',
      entityId: partnerId,
      // Which referrals were shown, one identifier per key (audit values are identifiers only).
      relatedIds: Object.fromEntries(found.map((r, i) => [`referral${i + 1}`, r.referralId])),
    });
    const staff = scope.kind !== 'partner';
    return {
      referrals: found.map((r) => (staff ? referralView(r) : partnerReferralView(r))),
      nextCursor: more && before ? encodeReferralCursor(before) : null,
    };
  },
});
