import type { ServiceType } from './vocabulary.ts';

/** Consent to a referral to one service by one partner. */
export interface ReferralConsent {
  service: ServiceType;
  partnerId: string;
  granted: boolean;
}

/** A supervisor's override of missing consent, recorded with its reason (and audited by the caller). */
export interface ConsentOverride {
  service: ServiceType;
  partnerId: string;
  supervisorId: string;
  reason: string;
}

export type ConsentBasis = 'CONSENT' | 'SUPERVISOR_OVERRIDE';

/**
 * Whether a referral may be made, and on what basis: the survivor's consent for that service AND
 * that partner, or a recorded supervisor override for the same pair. Anything else is refused.
 */
export function referralConsentBasis(
  consents: readonly ReferralConsent[],
  overrides: readonly ConsentOverride[],
  service: ServiceType,
  partnerId: string,
): ConsentBasis | undefined {
  if (consents.some((c) => c.service === service && c.partnerId === partnerId && c.granted)) return 'CONSENT';
  if (overrides.some((o) => o.service === service && o.partnerId === partnerId)) return 'SUPERVISOR_OVERRIDE';
  return undefined;
}

/** What a withdrawal covers; both lists absent means everything. */
export interface ConsentWithdrawalScope {
  services?: readonly ServiceType[] | undefined;
  partnerIds?: readonly string[] | undefined;
}

/** Whether a (service, partner) pair falls under a withdrawal. */
export function isWithdrawn(scope: ConsentWithdrawalScope, service: ServiceType, partnerId: string): boolean {
  const serviceCovered = !scope.services || scope.services.includes(service);
  const partnerCovered = !scope.partnerIds || scope.partnerIds.includes(partnerId);
  return serviceCovered && partnerCovered;
}

/** Consents after a withdrawal: covered consents become not granted (kept, so the history stays). */
export function withdrawConsents(
  consents: readonly ReferralConsent[],
  scope: ConsentWithdrawalScope,
): ReferralConsent[] {
  return consents.map((c) => (isWithdrawn(scope, c.service, c.partnerId) ? { ...c, granted: false } : c));
}

/** Referral states from which a withdrawal revokes the referral. */
const REVOCABLE = new Set(['IN_PROGRESS', 'ACCEPTED']);

/** Ids of the pending referrals a withdrawal revokes. */
export function referralsToRevoke(
  referrals: readonly { referralId: string; service: ServiceType; partnerId: string; status: string }[],
  scope: ConsentWithdrawalScope,
): string[] {
  return referrals
    .filter((r) => REVOCABLE.has(r.status) && isWithdrawn(scope, r.service, r.partnerId))
    .map((r) => r.referralId);
}
