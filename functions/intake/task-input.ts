import * as z from 'zod';

/** A ULID, as the API issues household ids. */
export const householdIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);

const reviewKindSchema = z.enum(['duplicate', 'eligibility']);

/** What the intake workflow passes to its Lambdas: identifiers only. */
export const householdTaskSchema = z.strictObject({ householdId: householdIdSchema });

export const reviewTaskSchema = z.strictObject({ householdId: householdIdSchema, kind: reviewKindSchema });

export const reviewCallbackSchema = z.strictObject({
  householdId: householdIdSchema,
  kind: reviewKindSchema,
  candidateHouseholdId: householdIdSchema.nullable(),
  taskToken: z.string().min(1).max(4096),
});
