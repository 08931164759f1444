import * as z from 'zod';
import { CLOSURE_REASONS } from '../domain/gbv/vocabulary.ts';
import { addIssue, textSchema } from './common.ts';

/** `POST /gbv/cases/{caseId}/closure` (caseworker): ask a supervisor to close the case. */
export const closureRequestSchema = z
  .object({ reason: z.enum(CLOSURE_REASONS), note: textSchema(2000).optional() })
  .strict()
  .meta({ id: 'ClosureRequest' });

/** `POST /gbv/cases/{caseId}/closure/decision` (supervisor). A rejection says why. */
export const closureDecisionSchema = z
  .object({ decision: z.enum(['APPROVE', 'REJECT']), note: textSchema(2000).optional() })
  .strict()
  .superRefine((body, ctx) => {
    if (body.decision === 'REJECT' && !body.note) addIssue(ctx, ['note'], 'reasonRequired');
  })
  .meta({ id: 'ClosureDecision' });

export type ClosureRequest = z.infer<typeof closureRequestSchema>;
export type ClosureDecision = z.infer<typeof closureDecisionSchema>;
