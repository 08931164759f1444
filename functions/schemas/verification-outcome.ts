import * as z from 'zod';
import { addIssue, instantSchema, textSchema } from './common.ts';

/** Outcome of a post-distribution verification call for one sampled allocation. */
export const verificationOutcomeSchema = z
  .object({
    outcome: z.enum(['RECEIVED', 'NOT_RECEIVED', 'RECEIVED_WITH_ISSUES']),
    issues: z
      .array(z.enum(['INCOMPLETE', 'DAMAGED', 'PAID_FOR', 'DELAYED', 'SAFETY', 'OTHER']))
      .min(1)
      .optional(),
    note: textSchema(1000).optional(),
    contactedAt: instantSchema,
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.outcome === 'RECEIVED_WITH_ISSUES' && !body.issues) addIssue(ctx, ['issues'], 'issuesRequired');
  })
  .meta({ id: 'VerificationOutcome' });

export type VerificationOutcome = z.infer<typeof verificationOutcomeSchema>;
