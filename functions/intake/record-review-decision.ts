import { taskHandler } from '#shared/task/task-handler.ts';
import { registry } from './registry.ts';
import { recordReviewOutcome } from './review-outcomes.ts';
import { reviewTaskSchema } from './task-input.ts';

/** Workflow task "Record supervisor decision": `{ householdId, kind }` → `{ householdId, outcome }`. */
export const handler = taskHandler({
  name: 'intake.record-review-decision',
  input: reviewTaskSchema,
  core: async (input) => recordReviewOutcome(registry(), input),
});
