import * as z from 'zod';
import { GOAL_PROGRESS } from '../domain/gbv/vocabulary.ts';
import { addIssue, dateSchema, textSchema } from './common.ts';

const progress = z.enum(GOAL_PROGRESS);

/** `POST /gbv/cases/{caseId}/follow-ups`: one follow-up visit. */
export const followUpSchema = z
  .object({
    visitDate: dateSchema,
    actionTaken: textSchema(2000),
    needsMet: z.boolean(),
    progress: z
      .object({ safety: progress, health: progress, psychosocial: progress, justice: progress })
      .strict(),
    anotherVisitNeeded: z.boolean(),
    nextVisitDate: dateSchema.optional(),
    recommendClosure: z.boolean(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.anotherVisitNeeded && !body.nextVisitDate) addIssue(ctx, ['nextVisitDate'], 'nextVisitRequired');
    if (body.nextVisitDate && body.nextVisitDate < body.visitDate)
      addIssue(ctx, ['nextVisitDate'], 'dateBefore', { other: body.visitDate });
  })
  .meta({ id: 'FollowUp' });

export type FollowUp = z.infer<typeof followUpSchema>;
