import { taskHandler } from '#shared/task/task-handler.ts';
import { deduplicateHousehold } from './deduplication.ts';
import { registry } from './registry.ts';
import { householdTaskSchema } from './task-input.ts';
import { auditWorkflowChange } from './workflow-audit.ts';

/** Workflow task "Deduplicate": `{ householdId }` → `{ householdId, outcome, matchHouseholdId }`. */
export const handler = taskHandler({
  name: 'intake.deduplicate',
  input: householdTaskSchema,
  core: async ({ householdId }, context) => {
    const result = await deduplicateHousehold(registry(), householdId);
    await auditWorkflowChange(context, 'deduplicate', result.outcome, householdId, {
      matchHouseholdId: result.matchHouseholdId,
    });
    return result;
  },
});
