import { taskHandler } from '#shared/task/task-handler.ts';
import { decideHouseholdEligibility } from './eligibility.ts';
import { registry } from './registry.ts';
import { currentRuleSet } from './rule-set-source.ts';
import { householdTaskSchema } from './task-input.ts';
import { auditWorkflowChange } from './workflow-audit.ts';

/** Workflow task "Decide eligibility": `{ householdId }` → `{ householdId, outcome, ruleSetVersion }`. */
export const handler = taskHandler({
  name: 'intake.decide-eligibility',
  input: householdTaskSchema,
  core: async ({ householdId }, context) => {
    const result = await decideHouseholdEligibility({ ...registry(), ruleSet: currentRuleSet }, householdId);
    await auditWorkflowChange(context, 'decide-eligibility', result.outcome, householdId, {
      ruleSetVersion: result.ruleSetVersion,
    });
    return result;
  },
});
