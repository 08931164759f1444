import * as z from 'zod';

/** Ids as the API issues them (ULIDs). */
const ulidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);

/** What the gbv-referral workflow passes to its Lambdas: identifiers, step names and instants only. */
export const caseTaskSchema = z.strictObject({ caseId: ulidSchema });

export const awaitStepSchema = z.strictObject({
  caseId: ulidSchema,
  referralId: ulidSchema.nullable(),
  step: z.enum(['PARTNER_RESPONSE', 'REASSIGNMENT', 'IMPLEMENTATION', 'FOLLOW_UP', 'CLOSURE_DECISION']),
  /** Workflow time the step was entered (`$states.context.State.EnteredTime`). */
  at: z.iso.datetime({ offset: true }),
  taskToken: z.string().min(1).max(4096),
});

export const checkDueSchema = z.strictObject({
  caseId: ulidSchema,
  referralId: ulidSchema.nullable(),
  step: z.enum(['PARTNER_RESPONSE', 'FOLLOW_UP']),
  at: z.iso.datetime({ offset: true }),
});

export const closeCaseSchema = z.strictObject({ caseId: ulidSchema, at: z.iso.datetime({ offset: true }) });
