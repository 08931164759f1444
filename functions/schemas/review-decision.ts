import * as z from 'zod';
import { addIssue, textSchema } from './common.ts';

/** What a supervisor reviews: an undecided eligibility, or a possible duplicate registration. */
export const REVIEW_KINDS = ['ELIGIBILITY', 'POSSIBLE_DUPLICATE'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

/** Decisions allowed for each kind of review; the handler checks the decision fits the review. */
export const DECISIONS_BY_REVIEW_KIND = {
  ELIGIBILITY: ['ELIGIBLE', 'INELIGIBLE'],
  POSSIBLE_DUPLICATE: ['DUPLICATE', 'NOT_DUPLICATE'],
} as const satisfies Record<ReviewKind, readonly string[]>;

/** `POST /reviews/{reviewId}/decision`. A note is required when the supervisor refuses. */
export const reviewDecisionSchema = z
  .object({
    decision: z.enum(['ELIGIBLE', 'INELIGIBLE', 'DUPLICATE', 'NOT_DUPLICATE']),
    note: textSchema(1000).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.decision === 'INELIGIBLE' || body.decision === 'DUPLICATE') && !body.note)
      addIssue(ctx, ['note'], 'reasonRequired');
  })
  .meta({ id: 'ReviewDecision' });

export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;
