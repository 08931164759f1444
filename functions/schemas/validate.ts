import { z } from 'zod';

type ReceivedIssue = { code: string; input?: unknown; received?: string };

/**
 * Parse-time error map that records only the *type* of a wrong value (never the value: inputs may
 * hold personal data) so that {@link formatIssues} can say "number expected, string received" or
 * "required" (a missing enum or literal is reported as a wrong value). It returns no message, leaving the default chain untouched.
 */
const recordReceivedType = (issue: ReceivedIssue): undefined => {
  if (issue.code === 'invalid_type' || issue.code === 'invalid_value')
    issue.received = z.core.util.getParsedType(issue.input);
  return undefined;
};

/**
 * Validates input against a schema; use this rather than `safeParse` at the edge so the field
 * messages can tell a missing field from a wrong type.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(input, {
    error: recordReceivedType as unknown as z.core.$ZodErrorMap,
  }) as z.ZodSafeParseResult<z.output<S>>;
}
