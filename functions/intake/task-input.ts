import { z } from 'zod';
import { InvalidTaskInputError } from './task-errors.ts';

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

/** Parses a task payload; a malformed one is a bug in the definition, not a transient fault. */
export function parseTaskInput<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const result = schema.safeParse(payload);
  if (!result.success) throw new InvalidTaskInputError({ cause: result.error });
  return result.data;
}
