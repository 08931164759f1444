import type { AuditEvent, AuditWriter } from '#shared/audit/audit-event.ts';
import type { HouseholdStore } from '../adapters/registry/household-store.ts';
import type { CaseFailures } from './case-failures.ts';
import type { FailedState } from './failed-state.ts';
import {
  DELIBERATE_ENDINGS,
  entityOf,
  type StatusChangeEvent,
  type WorkflowEntity,
  workflowNameOf,
} from './status-change.ts';

export interface WorkflowFailureDeps {
  households: Pick<HouseholdStore, 'markFailed' | 'clearFailure'>;
  cases: CaseFailures;
  audit: AuditWriter;
  failedState(executionArn: string): Promise<FailedState>;
}

export type FailureOutcome = 'marked' | 'cleared' | 'unchanged' | 'ignored';

const FAILED = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

/**
 * Marks the household or GBV case of a failed execution (the state and error name, never a
 * message) and clears the mark when the execution is redriven. Events may come twice or late:
 * a repeat changes nothing, and a failure whose execution has been redriven since is left alone.
 */
export async function recordWorkflowFailure(
  deps: WorkflowFailureDeps,
  event: StatusChangeEvent,
  requestId: string,
): Promise<FailureOutcome> {
  const { detail } = event;
  const entity = entityOf(detail.input);
  if (!entity) return 'ignored';
  const redriven = detail.status === 'RUNNING' && detail.redriveCount > 0;
  if (!FAILED.has(detail.status) && !redriven) return 'ignored';
  const audit = (what: 'marked' | 'cleared'): AuditEvent => ({
    action: `${entity.kind}.workflow-failure:${what}`,
    entityType: entity.kind,
    entityId: entityId(entity),
    relatedIds: { executionArn: detail.executionArn },
    actor: `workflow:${workflowNameOf(detail.stateMachineArn)}`,
    roles: ['workflow'],
    requestId,
  });

  if (redriven) {
    const at = new Date(detail.redriveDate ?? Date.parse(event.time)).toISOString();
    const cleared =
      entity.kind === 'household'
        ? (await deps.households.clearFailure(entity.householdId, at)) !== undefined
        : await deps.cases.clear(entity.caseId, audit('cleared'));
    if (cleared && entity.kind === 'household') await deps.audit.record(audit('cleared'));
    return cleared ? 'cleared' : 'unchanged';
  }

  const error =
    detail.error ?? (detail.status === 'TIMED_OUT' ? 'States.Timeout' : `Execution.${detail.status}`);
  if (DELIBERATE_ENDINGS.has(error)) return 'ignored';
  const stopped = await deps.failedState(detail.executionArn);
  if (!stopped.ended) return 'unchanged';
  const failure = {
    state: stopped.state ?? 'unknown',
    error,
    executionArn: detail.executionArn,
    at: new Date(detail.stopDate ?? Date.parse(event.time)).toISOString(),
  };
  const marked =
    entity.kind === 'household'
      ? await deps.households.markFailed(entity.householdId, failure)
      : await deps.cases.mark(entity.caseId, failure, audit('marked'));
  if (marked && entity.kind === 'household') await deps.audit.record(audit('marked'));
  return marked ? 'marked' : 'unchanged';
}

const entityId = (entity: WorkflowEntity) =>
  entity.kind === 'household' ? entity.householdId : entity.caseId;
