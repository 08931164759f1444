import { taskHandler } from '#shared/task/task-handler.ts';
import { registry } from './registry.ts';
import { recordReviewOutcome } from './review-outcomes.ts';
import { reviewTaskSchema } from './task-input.ts';
import { auditWorkflowChange } from './workflow-audit.ts';

/** Workflow task "Record supervisor decision": `{ householdId, kind }` → `{ householdId, outcome }`. */
export const handler = taskHandler({
  name: 'intake.record-review-decision',
  input: reviewTaskSchema,
  core: async (input, context) => {
    const result = await recordReviewOutcome(registry(), input);
    await auditWorkflowChange(context, 'apply-review', result.outcome, input.householdId, {
      reviewId: `${input.householdId}-${input.kind}`,
    });
    return result;
  },
});
