import { taskHandler } from '#shared/task/task-handler.ts';
import { deduplicateHousehold } from './deduplication.ts';
import { registry } from './registry.ts';
import { householdTaskSchema } from './task-input.ts';

/** Workflow task "Deduplicate": `{ householdId }` → `{ householdId, outcome, matchHouseholdId }`. */
export const handler = taskHandler({
  name: 'intake.deduplicate',
  input: householdTaskSchema,
  core: async ({ householdId }) => deduplicateHousehold(registry(), householdId),
});
