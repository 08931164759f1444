import { describe, expect, it } from 'vitest';
import {
  isWithdrawn,
  referralConsentBasis,
  referralsToRevoke,
  withdrawConsents,
} from '../../../../functions/domain/gbv/consent.ts';
import { planReferrals, type ReferralCaseFacts } from '../../../../functions/domain/gbv/plan-referrals.ts';
import { partnersOffering } from '../../../../functions/domain/gbv/service-directory.ts';
import {
  latestIncidentInstant,
  needsUrgentHealthReferral,
} from '../../../../functions/domain/gbv/urgent-health.ts';
import { shippedGbvSettings, shippedServiceDirectory } from '../../../fixtures/domain/gbv.ts';

const settings = shippedGbvSettings();
const directory = shippedServiceDirectory();

const aCase = (overrides: Partial<ReferralCaseFacts> = {}): ReferralCaseFacts => ({
  incidentType: 'PHYSICAL_ASSAULT',
  incidentDate: '2026-03-10',
  reportedAt: '2026-03-14T10:00:00Z',
  commune: 'ML0506',
  servicesNeeded: ['PSYCHOSOCIAL', 'LEGAL'],
  consents: [
    { service: 'PSYCHOSOCIAL', partnerId: 'FeDe', granted: true },
    { service: 'LEGAL', partnerId: 'AMSS', granted: true },
  ],
  overrides: [],
  ...overrides,
});

describe('needsUrgentHealthReferral (72-hour rule)', () => {
  const rule = settings.urgentHealth;
  const at = (
    incidentDate: string,
    reportedAt: string,
    incidentType: ReferralCaseFacts['incidentType'] = 'RAPE',
  ) => needsUrgentHealthReferral({ incidentType, incidentDate, reportedAt }, rule);

  it('is urgent for a rape or sexual assault reported at 72 h, not at 72 h and 1 ms', () => {
    expect(at('2026-03-10T08:00:00Z', '2026-03-13T08:00:00Z')).toBe(true);
    expect(at('2026-03-10T08:00:00Z', '2026-03-13T08:00:00.001Z')).toBe(false);
    expect(at('2026-03-10T08:00:00Z', '2026-03-11T08:00:00Z', 'SEXUAL_ASSAULT')).toBe(true);
  });

  it('is never urgent for other incident types', () => {
    expect(at('2026-03-10T08:00:00Z', '2026-03-10T09:00:00Z', 'PHYSICAL_ASSAULT')).toBe(false);
    expect(at('2026-03-10T08:00:00Z', '2026-03-10T09:00:00Z', 'FORCED_MARRIAGE')).toBe(false);
  });

  it('reads a date without time as its last instant, erring towards urgency', () => {
    expect(latestIncidentInstant('2026-03-10')).toEqual(new Date('2026-03-10T23:59:59.999Z'));
    expect(at('2026-03-10', '2026-03-13T23:59:59.999Z')).toBe(true);
    expect(at('2026-03-10', '2026-03-14T00:00:00Z')).toBe(false);
  });
});

describe('service directory', () => {
  it('lists partners offering a service in a cercle, in directory order', () => {
    expect(partnersOffering(directory, 'ML0506', 'HEALTH')).toEqual(['AMSS', 'DeltaSurvie']);
    expect(partnersOffering(directory, 'ML0506', 'SAFETY')).toEqual(['DeltaSurvie']);
  });

  it('falls back from a commune to its cercle, and finds nobody where nobody is listed', () => {
    expect(partnersOffering(directory, 'ML050601', 'PSYCHOSOCIAL')).toEqual(['FeDe', 'AMSS']);
    expect(partnersOffering(directory, 'ML0502', 'SAFETY')).toEqual([]);
  });

  it('names only the seed partners', () => {
    const partners = new Set(directory.entries.map((entry) => entry.partnerId));
    expect([...partners].sort()).toEqual(['AMSS', 'DeltaSurvie', 'FeDe']);
  });
});

describe('consent', () => {
  const consents = aCase().consents;

  it('allows a referral only with consent for that service and that partner', () => {
    expect(referralConsentBasis(consents, [], 'LEGAL', 'AMSS')).toBe('CONSENT');
    expect(referralConsentBasis(consents, [], 'LEGAL', 'FeDe')).toBeUndefined();
    expect(referralConsentBasis(consents, [], 'HEALTH', 'AMSS')).toBeUndefined();
    expect(
      referralConsentBasis([{ service: 'LEGAL', partnerId: 'AMSS', granted: false }], [], 'LEGAL', 'AMSS'),
    ).toBeUndefined();
  });

  it('allows it with a supervisor override for that pair', () => {
    const override = {
      service: 'SAFETY' as const,
      partnerId: 'DeltaSurvie',
      supervisorId: 'sup-1',
      reason: 'Danger',
    };
    expect(referralConsentBasis(consents, [override], 'SAFETY', 'DeltaSurvie')).toBe('SUPERVISOR_OVERRIDE');
    expect(referralConsentBasis(consents, [override], 'SAFETY', 'AMSS')).toBeUndefined();
  });

  it('withdraws by service, by partner or entirely, and revokes only pending referrals covered', () => {
    expect(isWithdrawn({}, 'LEGAL', 'AMSS')).toBe(true);
    expect(isWithdrawn({ services: ['LEGAL'] }, 'PSYCHOSOCIAL', 'FeDe')).toBe(false);
    expect(isWithdrawn({ partnerIds: ['FeDe'] }, 'PSYCHOSOCIAL', 'FeDe')).toBe(true);
    expect(withdrawConsents(consents, { services: ['LEGAL'] })).toEqual([
      { service: 'PSYCHOSOCIAL', partnerId: 'FeDe', granted: true },
      { service: 'LEGAL', partnerId: 'AMSS', granted: false },
    ]);
    const referrals = [
      { referralId: 'r1', service: 'LEGAL' as const, partnerId: 'AMSS', status: 'IN_PROGRESS' },
      { referralId: 'r2', service: 'PSYCHOSOCIAL' as const, partnerId: 'FeDe', status: 'ACCEPTED' },
      { referralId: 'r3', service: 'LEGAL' as const, partnerId: 'AMSS', status: 'DONE' },
    ];
    expect(referralsToRevoke(referrals, { services: ['LEGAL'] })).toEqual(['r1']);
    expect(referralsToRevoke(referrals, {})).toEqual(['r1', 'r2']);
  });
});

describe('planReferrals', () => {
  it('refers each consented service to the consented partner, with the service timeframe', () => {
    expect(planReferrals(aCase(), directory, settings)).toEqual({
      referrals: [
        { service: 'PSYCHOSOCIAL', partnerId: 'FeDe', timeframe: 'P3D', urgent: false, basis: 'CONSENT' },
        { service: 'LEGAL', partnerId: 'AMSS', timeframe: 'P3D', urgent: false, basis: 'CONSENT' },
      ],
      withheld: [],
      urgentHealthBlocked: false,
    });
  });

  it('never refers a service without consent: it goes back to the caseworker', () => {
    const facts = aCase({ consents: [{ service: 'PSYCHOSOCIAL', partnerId: 'FeDe', granted: true }] });
    const plan = planReferrals(facts, directory, settings);
    expect(plan.referrals.map((r) => r.service)).toEqual(['PSYCHOSOCIAL']);
    expect(plan.withheld).toEqual([{ service: 'LEGAL', reason: 'NO_CONSENT' }]);
  });

  it('does not refer to a consented partner that does not offer the service in the area', () => {
    const facts = aCase({
      commune: 'ML0508',
      servicesNeeded: ['LEGAL'],
      consents: [{ service: 'LEGAL', partnerId: 'AMSS', granted: true }],
    });
    expect(planReferrals(facts, directory, settings).withheld).toEqual([
      { service: 'LEGAL', reason: 'NO_PARTNER_IN_AREA' },
    ]);
  });

  it('puts an urgent health referral first, with the 1-hour timeframe, for a rape reported within 72 h', () => {
    const facts = aCase({
      incidentType: 'RAPE',
      incidentDate: '2026-03-13',
      servicesNeeded: ['PSYCHOSOCIAL', 'HEALTH'],
      consents: [
        { service: 'PSYCHOSOCIAL', partnerId: 'FeDe', granted: true },
        { service: 'HEALTH', partnerId: 'DeltaSurvie', granted: true },
      ],
    });
    const plan = planReferrals(facts, directory, settings);
    expect(plan.referrals[0]).toEqual({
      service: 'HEALTH',
      partnerId: 'DeltaSurvie',
      timeframe: 'PT1H',
      urgent: true,
      basis: 'CONSENT',
    });
    expect(plan.referrals).toHaveLength(2);
    expect(plan.urgentHealthBlocked).toBe(false);
  });

  it('flags an urgent health referral blocked by missing consent, and still refers nothing without consent', () => {
    const facts = aCase({ incidentType: 'SEXUAL_ASSAULT', incidentDate: '2026-03-13' });
    const plan = planReferrals(facts, directory, settings);
    expect(plan.urgentHealthBlocked).toBe(true);
    expect(plan.referrals.map((r) => r.service)).toEqual(['PSYCHOSOCIAL', 'LEGAL']);
    expect(plan.withheld).toEqual([{ service: 'HEALTH', reason: 'NO_CONSENT' }]);
  });

  it('refers under a supervisor override, saying so', () => {
    const facts = aCase({
      servicesNeeded: ['SAFETY'],
      consents: [],
      overrides: [
        { service: 'SAFETY', partnerId: 'DeltaSurvie', supervisorId: 'sup-1', reason: 'Danger imminent' },
      ],
    });
    expect(planReferrals(facts, directory, settings).referrals).toEqual([
      {
        service: 'SAFETY',
        partnerId: 'DeltaSurvie',
        timeframe: 'PT3H',
        urgent: false,
        basis: 'SUPERVISOR_OVERRIDE',
      },
    ]);
  });

  it('chooses the first consented partner that offers the service', () => {
    const facts = aCase({
      servicesNeeded: ['HEALTH'],
      consents: [
        { service: 'HEALTH', partnerId: 'FeDe', granted: true },
        { service: 'HEALTH', partnerId: 'AMSS', granted: true },
      ],
    });
    expect(planReferrals(facts, directory, settings).referrals[0]?.partnerId).toBe('AMSS');
  });
});
