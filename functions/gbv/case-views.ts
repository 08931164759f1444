import type {
  CaseRecord,
  FollowUpRecord,
  IdentityRecord,
  ReferralRecord,
} from '../adapters/protection/records.ts';

/** What the assigned caseworker and supervisors see of a referral (no task token). */
export function referralView(referral: ReferralRecord) {
  const { waiting, ...rest } = referral;
  return { ...rest, awaiting: waiting?.step ?? null };
}

/**
 * What the receiving partner sees: the minimum needed to deliver the service. No incident type,
 * no risk level, no identifying detail, no other referral of the case.
 */
export function partnerReferralView(referral: ReferralRecord) {
  return {
    referralId: referral.referralId,
    survivorCode: referral.survivorCode,
    service: referral.service,
    commune: referral.commune,
    urgent: referral.urgent,
    status: referral.status,
    sentAt: referral.sentAt,
    dueAt: referral.dueAt,
    awaiting: referral.waiting?.step ?? null,
  };
}

/** The case file as the assigned caseworker and supervisors read it. */
export function caseView(
  record: CaseRecord,
  identity: IdentityRecord | undefined,
  referrals: readonly ReferralRecord[],
  followUps: readonly FollowUpRecord[],
) {
  const { waiting, ...rest } = record;
  return {
    ...rest,
    awaiting: waiting?.step ?? null,
    identifyingDetails: identity ?? null,
    referrals: referrals.map(referralView),
    followUps,
  };
}
