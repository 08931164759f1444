import { dynamoDbAuditWriter } from '#shared/audit/dynamodb-audit-writer.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import type { TaskContext } from '#shared/task/task-handler.ts';

const writer = dynamoDbAuditWriter({ client: documentClient });

/**
 * Audits a change the intake workflow made to a household (registration under its identity, a
 * decision, a supervisor's ruling applied) as `household.<step>:<outcome>`, e.g.
 * `household.deduplicate:near-match`. Identifiers only. A retried step audits again: the trail
 * is append-only, and the repeat is visible as such.
 */
export function auditWorkflowChange(
  context: TaskContext,
  step: string,
  outcome: string,
  householdId: string,
  related: Record<string, string | null | undefined> = {},
): Promise<void> {
  const action = `household.${step}:${outcome.toLowerCase().replaceAll('_', '-')}`;
  const relatedIds = Object.fromEntries(
    Object.entries(related).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  return writer.record({
    action,
    entityType: 'household',
    entityId: householdId,
    ...(Object.keys(relatedIds).length > 0 ? { relatedIds } : {}),
    actor: 'workflow:intake',
    roles: ['workflow'],
    requestId: context.requestId,
  });
}
