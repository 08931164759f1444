import { z } from 'zod';
import type { DynamoDbFault } from './dynamodb-faults.ts';

const faultSchema = z.strictObject({
  kind: z.literal('throttle'),
  table: z.string().min(1).optional(),
  operations: z
    .array(z.string().regex(/^[A-Za-z]+$/, 'an operation name such as PutItem'))
    .min(1)
    .optional(),
  contains: z.string().min(1).optional(),
  error: z.enum(['ProvisionedThroughputExceededException', 'ThrottlingException']).optional(),
  times: z.int().positive().optional(),
});

export type DynamoDbFaultBody =
  | { ok: true; faults: DynamoDbFault[] }
  | { ok: false; errors: { field: string; message: string }[] };

/** `PUT /_local/faults/dynamodb`'s body: one fault, or a list of them, checked field by field. */
export function parseDynamoDbFaultBody(body: unknown): DynamoDbFaultBody {
  const parsed = z.union([faultSchema, z.array(faultSchema)]).safeParse(body);
  if (!parsed.success) {
    // The union's own issue hides the fields; report those of the single-fault form, or of the list.
    const detail = (Array.isArray(body) ? z.array(faultSchema) : faultSchema).safeParse(body);
    const issues = detail.success ? parsed.error.issues : detail.error.issues;
    return {
      ok: false,
      errors: issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message })),
    };
  }
  const faults = (Array.isArray(parsed.data) ? parsed.data : [parsed.data]).map(
    ({ kind, table, operations, contains, error, times }): DynamoDbFault => ({
      kind,
      ...(table !== undefined ? { table } : {}),
      ...(operations !== undefined ? { operations } : {}),
      ...(contains !== undefined ? { contains } : {}),
      ...(error !== undefined ? { error } : {}),
      ...(times !== undefined ? { times } : {}),
    }),
  );
  return { ok: true, faults };
}
