import type { Household } from '../household/household.ts';
import { evaluateCondition, factsReferenced } from './condition.ts';
import { householdFacts } from './household-facts.ts';
import type { EligibilityOutcome, EligibilityRuleSet, FactValue } from './rule-set.ts';

/** One explanation of a decision: a reason code from the rule set and the facts it looked at. */
export interface EligibilityReason {
  code: string;
  params: Record<string, FactValue>;
}

/** The decision stored on the household, with the rule-set version that produced it. */
export interface EligibilityDecision {
  outcome: EligibilityOutcome;
  reasons: EligibilityReason[];
  ruleSetVersion: string;
}

/**
 * Decides eligibility by interpreting a rule set. Pure: same household, rule set and date, same
 * decision. `asOf` is the registration date (it fixes the head's age for child-head rules).
 */
export function decideEligibility(
  household: Household,
  ruleSet: EligibilityRuleSet,
  asOf: Date,
): EligibilityDecision {
  const facts = householdFacts(household, ruleSet, asOf);
  const matched = ruleSet.rules.filter((rule) => evaluateCondition(rule.when, facts));
  const first = matched[0];
  if (!first) {
    return {
      outcome: ruleSet.otherwise.outcome,
      reasons: [{ code: ruleSet.otherwise.reason, params: {} }],
      ruleSetVersion: ruleSet.version,
    };
  }
  const reasons = matched
    .filter((rule) => rule.outcome === first.outcome)
    .map((rule) => {
      const params: Record<string, FactValue> = {};
      for (const name of [...factsReferenced(rule.when), ...(rule.explain ?? [])]) {
        const value = facts[name];
        if (value !== undefined) params[name] = value;
      }
      return { code: rule.reason, params };
    });
  return { outcome: first.outcome, reasons, ruleSetVersion: ruleSet.version };
}
