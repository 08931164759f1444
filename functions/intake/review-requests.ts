import type { Clock } from '#domain/ports/clock.ts';
import { HouseholdMissingError } from '../adapters/registry/household-store.ts';
import type { HouseholdViewReader } from '../adapters/registry/household-view-store.ts';
import type { ReviewKind } from '../adapters/registry/keys.ts';
import type { ReviewStore } from '../adapters/registry/review-store.ts';
import type { WorkflowCallback } from './review-ports.ts';

export interface ReviewRequestDeps {
  reviews: ReviewStore;
  readHousehold: HouseholdViewReader;
  answer: WorkflowCallback;
  clock: Clock;
}

export interface ReviewRequest {
  householdId: string;
  kind: ReviewKind;
  candidateHouseholdId: string | null;
  taskToken: string;
}

/**
 * Puts a household in the supervisors' queue and parks the workflow's task token on the review.
 * Called again after a reminder or an escalation with a new token, it replaces the old one. If a
 * supervisor decided while the workflow was between two waits, the new token is answered at once.
 */
export async function requestReview(
  deps: ReviewRequestDeps,
  request: ReviewRequest,
): Promise<{ reviewId: string }> {
  const view = await deps.readHousehold(request.householdId);
  if (!view) throw new HouseholdMissingError(request.householdId);
  const latestDecision = view.decisions.at(-1);
  const review = await deps.reviews.open({
    householdId: request.householdId,
    kind: request.kind,
    site: view.household.location.site,
    taskToken: request.taskToken,
    at: deps.clock.now().toISOString(),
    ...(request.candidateHouseholdId ? { candidateHouseholdId: request.candidateHouseholdId } : {}),
    ...(request.kind === 'eligibility' && latestDecision ? { reasons: latestDecision.reasons } : {}),
  });
  if (review.status !== 'PENDING' && review.decision) {
    await deps.answer(request.taskToken, { decision: review.decision });
  }
  return { reviewId: review.reviewId };
}
