import type { DecisionStore } from '../adapters/registry/decision-store.ts';
import { HouseholdMissingError, type HouseholdStore } from '../adapters/registry/household-store.ts';
import type { HouseholdViewReader } from '../adapters/registry/household-view-store.ts';
import { type ReviewKind, reviewIdOf } from '../adapters/registry/keys.ts';
import type { ReviewStore } from '../adapters/registry/review-store.ts';
import { ReviewNotDecidedError } from './task-errors.ts';

export interface ReviewOutcomeDeps {
  households: HouseholdStore;
  decisions: DecisionStore;
  reviews: ReviewStore;
  readHousehold: HouseholdViewReader;
}

/** Where the workflow goes after a supervisor's decision. */
export type ReviewOutcome = 'NOT_DUPLICATE' | 'DUPLICATE' | 'ELIGIBLE' | 'INELIGIBLE';

/** Reason codes of a supervisor's ruling (the rule set explains only its own codes). */
export const SUPERVISOR_REASONS = { APPROVE: 'SUPERVISOR_APPROVED', REJECT: 'SUPERVISOR_REJECTED' } as const;

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
  if (!review?.decision || !review.decidedAt) throw new ReviewNotDecidedError(reviewId);
  const household = await deps.households.get(input.householdId);
  if (!household) throw new HouseholdMissingError(input.householdId);
  const approved = review.decision === 'APPROVE';

  if (input.kind === 'duplicate') {
    if (approved) {
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
  const outcome = approved ? 'ELIGIBLE' : 'INELIGIBLE';
  await deps.decisions.record(
    household,
    {
      householdId: input.householdId,
      outcome,
      reasons: [{ code: SUPERVISOR_REASONS[review.decision], params: { reviewId } }],
      ruleSetVersion: rulesDecision?.ruleSetVersion ?? 'supervisor',
      decidedAt: review.decidedAt,
      decidedBy: 'supervisor',
      reviewId,
    },
    outcome,
  );
  return { householdId: input.householdId, outcome };
}
