import type { ReviewKind } from '../adapters/registry/keys.ts';
import type { ReviewRecord } from '../adapters/registry/records.ts';

/** Review kinds as the API names them (schemas/review-decision.ts). */
export const apiReviewKind = {
  duplicate: 'POSSIBLE_DUPLICATE',
  eligibility: 'ELIGIBILITY',
} as const satisfies Record<ReviewKind, string>;

/** A review as supervisors see it: never the workflow's task token. */
export function reviewBody(review: ReviewRecord) {
  const { taskToken: _token, kind, ...shown } = review;
  return { ...shown, kind: apiReviewKind[kind] };
}
