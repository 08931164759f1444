import type { Clock } from '#domain/ports/clock.ts';
import { decideEligibility } from '#domain/targeting/decide-eligibility.ts';
import type { EligibilityOutcome, EligibilityRuleSet } from '#domain/targeting/rule-set.ts';
import type { DecisionStore } from '../adapters/registry/decision-store.ts';
import { HouseholdMissingError, type HouseholdStore } from '../adapters/registry/household-store.ts';
import type { HouseholdStatus } from '../adapters/registry/records.ts';
import { HouseholdStateError } from './task-errors.ts';

export interface EligibilityDeps {
  households: HouseholdStore;
  decisions: DecisionStore;
  ruleSet: () => EligibilityRuleSet;
  clock: Clock;
}

export interface EligibilityOutput {
  householdId: string;
  outcome: EligibilityOutcome;
  ruleSetVersion: string;
}

/** The household status each outcome leaves it in. */
export const statusAfter: Readonly<Record<EligibilityOutcome, HouseholdStatus>> = {
  ELIGIBLE: 'ELIGIBLE',
  INELIGIBLE: 'INELIGIBLE',
  REVIEW: 'PENDING_REVIEW',
};

const decidable: readonly HouseholdStatus[] = ['REGISTERED', 'PENDING_REVIEW'];

/**
 * Applies the rule set in force to a registered household and stores the decision with its
 * reasons and the rule-set version. The registration date fixes ages, so a replay decides the
 * same. A household that already has the rules' decision answers with it (the step was retried).
 */
export async function decideHouseholdEligibility(
  deps: EligibilityDeps,
  householdId: string,
): Promise<EligibilityOutput> {
  const household = await deps.households.get(householdId);
  if (!household) throw new HouseholdMissingError(householdId);
  if (household.eligibility) {
    const { outcome, ruleSetVersion } = household.eligibility;
    return { householdId, outcome: outcome as EligibilityOutcome, ruleSetVersion };
  }
  if (!decidable.includes(household.status)) {
    throw new HouseholdStateError(householdId, household.status, 'Decide eligibility');
  }
  const decision = decideEligibility(household, deps.ruleSet(), new Date(household.createdAt));
  await deps.decisions.record(
    household,
    { ...decision, householdId, decidedAt: deps.clock.now().toISOString(), decidedBy: 'rules' },
    statusAfter[decision.outcome],
  );
  return { householdId, outcome: decision.outcome, ruleSetVersion: decision.ruleSetVersion };
}
