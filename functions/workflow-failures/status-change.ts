import { z } from 'zod';

/** The part of Step Functions' "Execution Status Change" event this function reads. */
export const statusChangeEventSchema = z.object({
  'detail-type': z.literal('Step Functions Execution Status Change'),
  source: z.literal('aws.states'),
  time: z.string(),
  detail: z.object({
    executionArn: z.string().min(1),
    stateMachineArn: z.string().min(1),
    status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']),
    input: z.string().nullish(),
    error: z.string().nullish(),
    stopDate: z.number().nullish(),
    redriveCount: z.number().int().nonnegative().default(0),
    redriveDate: z.number().nullish(),
  }),
});
export type StatusChangeEvent = z.output<typeof statusChangeEventSchema>;

/** What a workflow execution is about, read from its input: workflow inputs carry identifiers only. */
export type WorkflowEntity =
  | { kind: 'household'; householdId: string }
  | { kind: 'gbv-case'; caseId: string };

const IDENTIFIER = /^[A-Za-z0-9_-]{1,100}$/;

export function entityOf(input: string | null | undefined): WorkflowEntity | undefined {
  if (!input) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  const { householdId, caseId } = parsed as Record<string, unknown>;
  if (typeof householdId === 'string' && IDENTIFIER.test(householdId))
    return { kind: 'household', householdId };
  if (typeof caseId === 'string' && IDENTIFIER.test(caseId)) return { kind: 'gbv-case', caseId };
  return undefined;
}

/** The state machine's name, the last part of its ARN (`...:stateMachine:<name>`). */
export const workflowNameOf = (stateMachineArn: string): string => stateMachineArn.split(':').at(-1) ?? '';

/**
 * Endings a workflow reaches on purpose, through a Fail state, about a household or case that
 * must not be marked: nothing to repair, and a redrive would end the same way. Every other
 * failure is one an operator repairs and redrives.
 */
export const DELIBERATE_ENDINGS: ReadonlySet<string> = new Set([
  // workflows/intake.asl.json "Household not found": missing, or it finished intake already.
  'Intake.HouseholdNotReceived',
  // workflows/intake.asl.json "Review expired": "Record review expired" has set its status.
  'Intake.ReviewExpired',
]);
