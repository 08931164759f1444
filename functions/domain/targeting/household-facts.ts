import type { Household } from '../household/household.ts';
import { evaluateCondition } from './condition.ts';
import { fcsCategory, foodConsumptionScore } from './fcs.ts';
import { hhsCategory } from './hhs.ts';
import { phaseOf } from './rcsi.ts';
import type { EligibilityRuleSet, FactName, FactValue } from './rule-set.ts';

/** Facts about a household that rules test; a fact is absent when its indicator was not collected. */
export type HouseholdFacts = Partial<Record<FactName, FactValue>>;

/**
 * Derives the facts rules test from a household, under the rule set's weights and thresholds.
 * `asOf` fixes the head's age (birth year only, so the age is the year difference).
 */
export function householdFacts(
  household: Household,
  ruleSet: EligibilityRuleSet,
  asOf: Date,
): HouseholdFacts {
  const { foodSecurity, members, headOfHousehold } = household;
  const facts: HouseholdFacts = {
    householdSize: members.total,
    childrenUnder5: members.childrenUnder5,
    pregnantOrLactating: members.pregnantOrLactating,
    elderly: members.elderly,
    withDisability: members.withDisability,
    womenAndGirls12to49: members.womenAndGirls12to49,
    headSex: headOfHousehold.sex,
    femaleHead: headOfHousehold.sex === 'F',
    displacement: household.displacement,
  };
  const headAge = asOf.getUTCFullYear() - headOfHousehold.birthYear;
  facts.headAge = headAge;
  facts.childHead = headAge <= ruleSet.ages.childHeadMaxAge;
  facts.elderlyHead = headAge >= ruleSet.ages.elderlyMinAge;
  let indicators = 0;
  if (foodSecurity.fcs) {
    const score = foodConsumptionScore(foodSecurity.fcs, ruleSet.fcs.weights);
    facts.fcsScore = score;
    facts.fcsCategory = fcsCategory(score, ruleSet.fcs.thresholds);
    indicators++;
  }
  if (foodSecurity.rcsi !== undefined) {
    facts.rcsiScore = foodSecurity.rcsi;
    facts.rcsiPhase = phaseOf(foodSecurity.rcsi, ruleSet.rcsi.phases);
    indicators++;
  }
  if (foodSecurity.hhs !== undefined) {
    facts.hhsScore = foodSecurity.hhs;
    facts.hhsCategory = hhsCategory(foodSecurity.hhs);
    facts.hhsPhase = phaseOf(foodSecurity.hhs, ruleSet.hhs.phases);
    indicators++;
  }
  facts.foodSecurityIndicators = indicators;
  // Criteria see every fact above but not the score they produce.
  const met = ruleSet.vulnerability.filter((criterion) => evaluateCondition(criterion.when, facts));
  facts.vulnerabilityScore = met.reduce((sum, criterion) => sum + criterion.points, 0);
  facts.vulnerabilityCriteria = met.map((criterion) => criterion.code);
  return facts;
}
