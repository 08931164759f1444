import { taskHandler } from '#shared/task/task-handler.ts';
import { householdAfterRedrive } from '../adapters/registry/failure-mark.ts';
import { registry } from './registry.ts';
import { recordReviewOutcome } from './review-outcomes.ts';
import { currentRuleSet } from './rule-set-source.ts';
import { decide } from './screening.ts';
import { reviewTaskSchema } from './task-input.ts';
import { auditWorkflowChange } from './workflow-audit.ts';

/**
 * Workflow task "Record supervisor decision": `{ householdId, kind }` → `{ householdId, outcome,
 * reviewKind }`, routed by the same Choice as screening. A possible duplicate ruled distinct goes
 * on to eligibility in this same invocation (it used to be the next task, with a Choice between).
 */
export const handler = taskHandler({
  name: 'intake.record-review-decision',
  input: reviewTaskSchema,
  core: async (input, context) => {
    const deps = registry();
    await householdAfterRedrive(deps.households, input.householdId, new Date().toISOString(), () =>
      auditWorkflowChange(context, 'workflow-failure', 'cleared', input.householdId),
    );
    const result = await recordReviewOutcome(deps, input);
    await auditWorkflowChange(context, 'apply-review', result.outcome, input.householdId, {
      reviewId: `${input.householdId}-${input.kind}`,
    });
    if (result.outcome !== 'NOT_DUPLICATE') {
      return { householdId: input.householdId, outcome: result.outcome, reviewKind: null };
    }
    const decided = await decide(
      {
        ...deps,
        ruleSet: currentRuleSet,
        recordStep: (step, outcome, related) =>
          auditWorkflowChange(context, step, outcome, input.householdId, related),
      },
      input.householdId,
    );
    return { householdId: input.householdId, ...decided };
  },
});
