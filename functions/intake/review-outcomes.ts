import type { DecisionStore } from '../adapters/registry/decision-store.ts';
import { HouseholdMissingError, type HouseholdStore } from '../adapters/registry/household-store.ts';
import type { HouseholdViewReader } from '../adapters/registry/household-view-store.ts';
import { type ReviewKind, reviewIdOf } from '../adapters/registry/keys.ts';
import type { ReviewDecision } from '../adapters/registry/records.ts';
import type { ReviewStore } from '../adapters/registry/review-store.ts';
import { ReviewNotDecidedError } from './task-errors.ts';

export interface ReviewOutcomeDeps {
  households: HouseholdStore;
  decisions: DecisionStore;
  reviews: ReviewStore;
  readHousehold: HouseholdViewReader;
}

/** Where the workflow goes after a supervisor's decision: the decision itself. */
export type ReviewOutcome = ReviewDecision;

/** Reason codes of a supervisor's ruling (the rule set explains only its own codes). */
export const SUPERVISOR_REASONS = {
  ELIGIBLE: 'SUPERVISOR_ELIGIBLE',
  INELIGIBLE: 'SUPERVISOR_INELIGIBLE',
} as const;

/** Decisions that answer each kind of review. */
export const DECISIONS_FOR: Readonly<Record<ReviewKind, readonly ReviewDecision[]>> = {
  duplicate: ['DUPLICATE', 'NOT_DUPLICATE'],
  eligibility: ['ELIGIBLE', 'INELIGIBLE'],
};

/**
 * Applies a supervisor's decision to the household. A possible duplicate approved as distinct goes
 * on to eligibility; rejected, it is linked to the other household and leaves the candidate index.
 * An eligibility review becomes a decision by the supervisor, stored beside the rules' decision.
 * Writes are keyed by the review's decision time, so a retried step writes the same items.
 */
export async function recordReviewOutcome(
  deps: ReviewOutcomeDeps,
  input: { householdId: string; kind: ReviewKind },
): Promise<{ householdId: string; outcome: ReviewOutcome }> {
  const reviewId = reviewIdOf(input.householdId, input.kind);
  const review = await deps.reviews.get(reviewId);
  const decision = review?.decision;
  if (!review || !decision || !review.decidedAt || !DECISIONS_FOR[input.kind].includes(decision)) {
    throw new ReviewNotDecidedError(reviewId);
  }
  const household = await deps.households.get(input.householdId);
  if (!household) throw new HouseholdMissingError(input.householdId);

  if (decision === 'NOT_DUPLICATE' || decision === 'DUPLICATE') {
    if (decision === 'NOT_DUPLICATE') {
      if (household.status === 'PENDING_REVIEW')
        await deps.households.setStatus(household, 'REGISTERED', review.decidedAt);
      return { householdId: input.householdId, outcome: 'NOT_DUPLICATE' };
    }
    const original = review.candidateHouseholdId ?? household.dedupe?.matchHouseholdId;
    await deps.households.linkAsDuplicate(household, original ?? 'unknown', review.decidedAt);
    return { householdId: input.householdId, outcome: 'DUPLICATE' };
  }

  const view = await deps.readHousehold(input.householdId);
  const rulesDecision = view?.decisions.filter((decision) => decision.decidedBy === 'rules').at(-1);
  const outcome = decision;
  await deps.decisions.record(
    household,
    {
      householdId: input.householdId,
      outcome,
      reasons: [{ code: SUPERVISOR_REASONS[outcome], params: { reviewId } }],
      ruleSetVersion: rulesDecision?.ruleSetVersion ?? 'supervisor',
      decidedAt: review.decidedAt,
      decidedBy: 'supervisor',
      reviewId,
    },
    outcome,
  );
  return { householdId: input.householdId, outcome };
}
