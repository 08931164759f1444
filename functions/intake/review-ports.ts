import type { ReviewDecision } from '../adapters/registry/records.ts';

/**
 * Answers a waiting workflow step. Resolves false when the token is no longer waiting (the step
 * timed out into its next phase, or the execution ended), which is not an error for the caller:
 * the next phase reads the decision from the review itself.
 */
export type WorkflowCallback = (taskToken: string, result: { decision: ReviewDecision }) => Promise<boolean>;
