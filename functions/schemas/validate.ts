import type * as z from 'zod';

type ReceivedIssue = { code: string; input?: unknown; received?: string };

/**
 * Parse-time error map that records only the *type* of a wrong value (never the value: inputs may
 * hold personal data) so that {@link formatIssues} can say "number expected, string received" or
 * "required" (a missing enum or literal is reported as a wrong value). It returns no message, leaving the default chain untouched.
 */
const recordReceivedType = (issue: ReceivedIssue): undefined => {
  if (issue.code === 'invalid_type' || issue.code === 'invalid_value')
    issue.received = typeNameOf(issue.input);
  return undefined;
};

/** The type of a value as zod's locales name it (kept local: `z.core.util` would bundle every locale). */
function typeNameOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : 'number';
  return typeof value;
}

/**
 * Validates input against a schema; use this rather than `safeParse` at the edge so the field
 * messages can tell a missing field from a wrong type.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(input, {
    error: recordReceivedType as unknown as z.core.$ZodErrorMap,
  }) as z.ZodSafeParseResult<z.output<S>>;
}
