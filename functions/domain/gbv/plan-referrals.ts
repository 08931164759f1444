import {
  type ConsentBasis,
  type ConsentOverride,
  type ReferralConsent,
  referralConsentBasis,
} from './consent.ts';
import type { GbvSettings } from './gbv-settings.ts';
import type { ResponseTimeframe } from './response-timeframe.ts';
import { partnerOffers, type ServiceDirectory } from './service-directory.ts';
import { needsUrgentHealthReferral } from './urgent-health.ts';
import type { IncidentType, ServiceType } from './vocabulary.ts';

/** The parts of a case that decide its referrals (no identifying detail). */
export interface ReferralCaseFacts {
  incidentType: IncidentType;
  incidentDate: string;
  reportedAt: string;
  commune: string;
  servicesNeeded: readonly ServiceType[];
  consents: readonly ReferralConsent[];
  overrides: readonly ConsentOverride[];
}

/** A referral to send, in order. */
export interface PlannedReferral {
  service: ServiceType;
  partnerId: string;
  timeframe: ResponseTimeframe;
  urgent: boolean;
  basis: ConsentBasis;
}

/** A needed service that is not referred, and why; it goes back to the caseworker. */
export interface WithheldService {
  service: ServiceType;
  reason: 'NO_CONSENT' | 'NO_PARTNER_IN_AREA';
}

/**
 * Plans the referrals of a case. A service is referred only to a partner the survivor consented to
 * for that service (or covered by a supervisor override), and only if the directory lists that
 * partner for the service in the case's area; the first such partner, in consent order, is chosen.
 * An urgent health referral (rape or sexual assault reported within 72 h) comes first, with the
 * 1-hour timeframe; if it cannot be made, `urgentHealthBlocked` says so for an immediate alert.
 */
export function planReferrals(
  facts: ReferralCaseFacts,
  directory: ServiceDirectory,
  settings: Pick<GbvSettings, 'urgentHealth' | 'responseTimeframes'>,
): { referrals: PlannedReferral[]; withheld: WithheldService[]; urgentHealthBlocked: boolean } {
  const urgent = needsUrgentHealthReferral(facts, settings.urgentHealth);
  const services = [
    ...new Set<ServiceType>(urgent ? ['HEALTH', ...facts.servicesNeeded] : facts.servicesNeeded),
  ];
  const referrals: PlannedReferral[] = [];
  const withheld: WithheldService[] = [];
  for (const service of services) {
    const candidates = [
      ...facts.consents.filter((c) => c.service === service && c.granted).map((c) => c.partnerId),
      ...facts.overrides.filter((o) => o.service === service).map((o) => o.partnerId),
    ];
    if (candidates.length === 0) {
      withheld.push({ service, reason: 'NO_CONSENT' });
      continue;
    }
    const partnerId = candidates.find((id) => partnerOffers(directory, facts.commune, service, id));
    if (!partnerId) {
      withheld.push({ service, reason: 'NO_PARTNER_IN_AREA' });
      continue;
    }
    const isUrgent = urgent && service === 'HEALTH';
    referrals.push({
      service,
      partnerId,
      timeframe: isUrgent ? settings.urgentHealth.timeframe : settings.responseTimeframes[service],
      urgent: isUrgent,
      basis: referralConsentBasis(facts.consents, facts.overrides, service, partnerId)!,
    });
  }
  const urgentHealthBlocked = urgent && !referrals.some((r) => r.urgent);
  return { referrals, withheld, urgentHealthBlocked };
}
