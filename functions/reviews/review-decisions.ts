import type { Clock } from '#domain/ports/clock.ts';
import type { AuditActor, AuditWriter } from '#shared/audit/audit-event.ts';
import { ReviewAlreadyDecidedError, TaskNoLongerPendingError } from '#shared/errors/domain-conflicts.ts';
import { NotFoundError, ValidationError } from '#shared/errors/http-errors.ts';
import type { ReviewDecision } from '../adapters/registry/records.ts';
import type { ReviewStore } from '../adapters/registry/review-store.ts';
import { DECISIONS_FOR } from '../intake/review-outcomes.ts';
import type { WorkflowCallback } from '../intake/review-ports.ts';

export interface ReviewDecisionDeps {
  reviews: ReviewStore;
  answer: WorkflowCallback;
  audit: AuditWriter;
  clock: Clock;
}

export interface ReviewDecisionRequest {
  reviewId: string;
  decision: ReviewDecision;
  note?: string | undefined;
  actor: AuditActor;
}

/**
 * Records a supervisor's decision, then answers the workflow's waiting step. The review is the
 * source of truth: if the step moved on (a reminder or escalation replaced its token), the next
 * wait finds the decision on the review and resumes by itself.
 */
export async function decideReview(deps: ReviewDecisionDeps, request: ReviewDecisionRequest) {
  const review = await deps.reviews.get(request.reviewId);
  if (!review) throw new NotFoundError({ entityType: 'review', entityId: request.reviewId });
  if (!DECISIONS_FOR[review.kind].includes(request.decision)) throw decisionDoesNotFit(review.kind);
  const result = await deps.reviews.decide(request.reviewId, {
    decision: request.decision,
    note: request.note,
    decidedBy: request.actor.actor,
    at: deps.clock.now().toISOString(),
  });
  if (!result.ok) {
    if (result.reason === 'not-found')
      throw new NotFoundError({ entityType: 'review', entityId: request.reviewId });
    if (result.review.status === 'EXPIRED') {
      throw new TaskNoLongerPendingError({ entityType: 'review', entityId: request.reviewId });
    }
    throw new ReviewAlreadyDecidedError({ reviewId: request.reviewId });
  }
  await deps.audit.record({
    ...request.actor,
    action: 'review.decide',
    entityType: 'household',
    entityId: review.householdId,
    relatedIds: { reviewId: request.reviewId },
  });
  const resumed = result.review.taskToken
    ? await deps.answer(result.review.taskToken, { decision: request.decision })
    : false;
  return {
    reviewId: request.reviewId,
    status: 'DECIDED',
    decision: request.decision,
    workflowResumed: resumed,
  };
}

const decisionDoesNotFit = (kind: keyof typeof DECISIONS_FOR) => {
  const allowed = DECISIONS_FOR[kind].join(', ');
  return new ValidationError({
    code: 'DECISION_DOES_NOT_FIT_REVIEW',
    message: {
      fr: `Cette revue attend l'une de ces décisions : ${allowed}.`,
      en: `This review takes one of these decisions: ${allowed}.`,
    },
    fields: {
      fr: [{ path: 'decision', message: `Valeurs possibles : ${allowed}.` }],
      en: [{ path: 'decision', message: `Allowed values: ${allowed}.` }],
    },
  });
};
