import { taskHandler } from '#shared/task/task-handler.ts';
import { registry } from './registry.ts';
import { currentRuleSet } from './rule-set-source.ts';
import { screenHousehold } from './screening.ts';
import { householdTaskSchema } from './task-input.ts';
import { auditWorkflowChange } from './workflow-audit.ts';

/**
 * Workflow task "Screen household": `{ householdId }` → `{ householdId, outcome, reviewKind,
 * matchHouseholdId, createdAt }`. Deduplicates, then decides eligibility; each step is audited as
 * it was when they were two tasks (`household.deduplicate:…`, `household.decide-eligibility:…`).
 */
export const handler = taskHandler({
  name: 'intake.screen-household',
  input: householdTaskSchema,
  core: async ({ householdId }, context) =>
    screenHousehold(
      {
        ...registry(),
        ruleSet: currentRuleSet,
        recordStep: (step, outcome, related) =>
          auditWorkflowChange(context, step, outcome, householdId, related),
      },
      householdId,
    ),
});
