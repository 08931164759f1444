import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Household } from '../../../../functions/domain/household/household.ts';
import { decideEligibility } from '../../../../functions/domain/targeting/decide-eligibility.ts';
import { reasonMessage } from '../../../../functions/domain/targeting/reason-messages.ts';
import { aHousehold, NO_FOOD, REGISTERED_AT } from '../../../fixtures/domain/households.ts';
import { shippedRuleSet } from '../../../fixtures/domain/rule-set.ts';

const rules = shippedRuleSet();

/** A male-headed host household with no vulnerability criterion, so food security alone decides. */
const notVulnerable = (
  foodSecurity: Household['foodSecurity'],
  members: Partial<Household['members']> = {},
) =>
  aHousehold({
    headOfHousehold: { sex: 'M', birthYear: 1980 },
    members: { total: 4, childrenUnder5: 0, ...members },
    displacement: 'HOST',
    foodSecurity,
  });
/** FCS days giving exactly `score` (a multiple of 0.5, at most 24.5) from staples, vegetables and oil. */
const fcsOf = (score: number) => {
  const staples = Math.min(7, Math.floor(score / 2));
  const vegetables = Math.min(7, Math.floor(score - 2 * staples));
  return { ...NO_FOOD, staples, vegetables, oil: (score - 2 * staples - vegetables) * 2 };
};
const decide = (household: Household) => decideEligibility(household, rules, REGISTERED_AT);
const codes = (household: Household) => decide(household).reasons.map((reason) => reason.code);

describe('decideEligibility with the shipped rule set', () => {
  it('sends a household with no food-security indicator to review', () => {
    const decision = decide(notVulnerable({}));
    expect(decision).toEqual({
      outcome: 'REVIEW',
      reasons: [{ code: 'NO_FOOD_SECURITY_DATA', params: { foodSecurityIndicators: 0 } }],
      ruleSetVersion: 'mopti-2026-v1',
    });
  });

  it('finds FCS 21 poor (eligible) and FCS 21.5 borderline (not eligible alone)', () => {
    expect(decide(notVulnerable({ fcs: fcsOf(21) }))).toMatchObject({
      outcome: 'ELIGIBLE',
      reasons: [{ code: 'FCS_POOR', params: { fcsCategory: 'POOR', fcsScore: 21 } }],
    });
    expect(decide(notVulnerable({ fcs: fcsOf(21.5) }))).toMatchObject({
      outcome: 'INELIGIBLE',
      reasons: [{ code: 'NO_CRITERION_MET' }],
    });
  });

  it('grades a borderline household by vulnerability score: 3 eligible, 1–2 review, 0 ineligible', () => {
    const borderline = { fcs: fcsOf(21.5) };
    const score3 = aHousehold({
      headOfHousehold: { sex: 'F' },
      members: { childrenUnder5: 1 },
      foodSecurity: borderline,
    });
    const score2 = aHousehold({
      headOfHousehold: { sex: 'F' },
      members: { childrenUnder5: 0 },
      foodSecurity: borderline,
    });
    const score1 = notVulnerable(borderline, { childrenUnder5: 1 });
    expect(decide(score3)).toMatchObject({
      outcome: 'ELIGIBLE',
      reasons: [{ code: 'STRESSED_AND_VULNERABLE', params: { vulnerabilityScore: 3 } }],
    });
    expect(decide(score2).outcome).toBe('REVIEW');
    expect(decide(score1)).toMatchObject({
      outcome: 'REVIEW',
      reasons: [{ code: 'STRESSED_SOME_VULNERABILITY' }],
    });
    expect(decide(notVulnerable(borderline)).outcome).toBe('INELIGIBLE');
  });

  it('treats FCS 35 as borderline and 35.5 as acceptable', () => {
    const vulnerable = (fcs: typeof NO_FOOD) => aHousehold({ displacement: 'IDP', foodSecurity: { fcs } }); // female head + child + IDP = 4
    const fcs35 = { ...NO_FOOD, staples: 7, pulses: 7 }; // 14 + 21
    expect(decide(vulnerable(fcs35)).outcome).toBe('ELIGIBLE');
    expect(decide(vulnerable({ ...fcs35, sugar: 1 })).outcome).toBe('INELIGIBLE');
  });

  it('finds rCSI 18 stressed (phase 2) and 19 eligible (phase 3); rCSI 3 is phase 1, 4 is phase 2', () => {
    expect(decide(notVulnerable({ rcsi: 19 }))).toMatchObject({
      outcome: 'ELIGIBLE',
      reasons: [{ code: 'RCSI_PHASE_3', params: { rcsiPhase: 3, rcsiScore: 19 } }],
    });
    expect(decide(notVulnerable({ rcsi: 18 }, { childrenUnder5: 1 })).outcome).toBe('REVIEW');
    expect(decide(notVulnerable({ rcsi: 4 }, { childrenUnder5: 1 })).outcome).toBe('REVIEW');
    expect(decide(notVulnerable({ rcsi: 3 }, { childrenUnder5: 1 })).outcome).toBe('INELIGIBLE');
  });

  it('finds HHS 4 severe (phase 4, eligible), HHS 2–3 stressed (phase 3) and HHS 1 not', () => {
    expect(decide(notVulnerable({ hhs: 4 }))).toMatchObject({
      outcome: 'ELIGIBLE',
      reasons: [{ code: 'HHS_SEVERE', params: { hhsPhase: 4, hhsScore: 4 } }],
    });
    expect(decide(notVulnerable({ hhs: 3 }, { childrenUnder5: 1 })).outcome).toBe('REVIEW');
    expect(decide(notVulnerable({ hhs: 2 }, { childrenUnder5: 1 })).outcome).toBe('REVIEW');
    expect(decide(notVulnerable({ hhs: 1 }, { childrenUnder5: 1 })).outcome).toBe('INELIGIBLE');
  });

  it('gives every matching reason that agrees with the outcome', () => {
    expect(codes(notVulnerable({ fcs: fcsOf(10), rcsi: 30, hhs: 5 }))).toEqual([
      'FCS_POOR',
      'RCSI_PHASE_3',
      'HHS_SEVERE',
    ]);
  });

  it('counts a head aged 17 as a child head (review) but not a head aged 18', () => {
    const childHead = notVulnerable({ hhs: 0 });
    childHead.headOfHousehold.birthYear = 2009;
    expect(decide(childHead)).toMatchObject({
      outcome: 'REVIEW',
      reasons: [{ code: 'CHILD_HEADED_HOUSEHOLD', params: { childHead: true, headAge: 17 } }],
    });
    childHead.headOfHousehold.birthYear = 2008;
    expect(decide(childHead).outcome).toBe('INELIGIBLE');
  });

  it('lists each vulnerability criterion met', () => {
    const household = aHousehold({
      headOfHousehold: { sex: 'F' },
      members: { total: 9, childrenUnder5: 2, pregnantOrLactating: 1, elderly: 1, withDisability: 1 },
      displacement: 'REFUGEE',
      foodSecurity: { hhs: 2 },
    });
    expect(decide(household).reasons[0]?.params['vulnerabilityCriteria']).toEqual([
      'FEMALE_HEAD',
      'CHILDREN_UNDER_5',
      'PREGNANT_OR_LACTATING',
      'DISABILITY',
      'ELDERLY',
      'DISPLACED',
      'LARGE_HOUSEHOLD',
    ]);
  });

  it('applies the 28/42 variant when the rule set says so, without code change', () => {
    const variant = {
      ...rules,
      version: 'variant',
      fcs: { ...rules.fcs, thresholds: { poorMax: 28, borderlineMax: 42 } },
    };
    const household = notVulnerable({ fcs: { ...NO_FOOD, staples: 7, vegetables: 7, oil: 7, sugar: 7 } }); // 28
    expect(decide(household).outcome).toBe('INELIGIBLE');
    expect(decideEligibility(household, variant, REGISTERED_AT)).toMatchObject({
      outcome: 'ELIGIBLE',
      ruleSetVersion: 'variant',
    });
  });

  it('always answers one of the three outcomes with at least one reason and the version', () => {
    const days = fc.integer({ min: 0, max: 7 });
    fc.assert(
      fc.property(
        fc.record({
          staples: days,
          pulses: days,
          meatFish: days,
          vegetables: days,
          fruit: days,
          dairy: days,
          oil: days,
          sugar: days,
        }),
        fc.option(fc.integer({ min: 0, max: 56 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
        fc.constantFrom('F' as const, 'M' as const),
        (fcs, rcsi, hhs, sex) => {
          const decision = decide(aHousehold({ headOfHousehold: { sex }, foodSecurity: { fcs, rcsi, hhs } }));
          return (
            ['ELIGIBLE', 'INELIGIBLE', 'REVIEW'].includes(decision.outcome) &&
            decision.reasons.length > 0 &&
            decision.ruleSetVersion === rules.version
          );
        },
      ),
    );
  });
});

describe('reasonMessage', () => {
  it('explains a reason in French and English from the rule set templates', () => {
    const [reason] = decide(notVulnerable({ fcs: fcsOf(20.5) })).reasons;
    expect(reasonMessage(reason!, rules, 'fr')).toBe('Score de consommation alimentaire pauvre (20,5)');
    expect(reasonMessage(reason!, rules, 'en')).toBe('Poor food consumption score (20.5)');
  });

  it('joins list params and falls back to the code for an unknown reason', () => {
    const household = aHousehold({ foodSecurity: { hhs: 2 } });
    const [reason] = decide(household).reasons;
    expect(reasonMessage(reason!, rules, 'en')).toContain('FEMALE_HEAD, CHILDREN_UNDER_5');
    expect(reasonMessage({ code: 'SOMETHING_ELSE', params: {} }, rules, 'fr')).toBe('SOMETHING_ELSE');
  });
});
