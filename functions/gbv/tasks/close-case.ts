import { taskHandler } from '#shared/task/task-handler.ts';
import { caseKey } from '../../adapters/protection/keys.ts';
import { type GbvDeps, gbvDeps } from '../gbv-deps.ts';
import { GbvItemMissingError } from '../gbv-errors.ts';
import { gbvRetentionDays, retentionMarkerItem } from '../retention/retention-marker.ts';
import { workflowActor } from '../workflow-actor.ts';
import { closeCaseSchema } from './task-input.ts';

/**
 * Closes a case whose closure a supervisor approved, and schedules its anonymization: the
 * retention marker goes in the same transaction (docs/SECURITY.md, "Retention of GBV cases").
 * Idempotent: a closed case stays closed.
 */
export async function closeCase(
  deps: Pick<GbvDeps, 'store'> & { retentionDays: number },
  input: { caseId: string; at: string },
  requestId: string,
): Promise<{ caseId: string; status: 'CLOSED' }> {
  const record = await deps.store.getCase(input.caseId);
  if (!record) throw new GbvItemMissingError('gbv-case', input.caseId);
  if (record.status !== 'CLOSED') {
    await deps.store.write(
      [
        {
          kind: 'update',
          key: caseKey(record.caseId),
          expect: { status: 'CLOSURE_REQUESTED' },
          set: { status: 'CLOSED', closedAt: input.at, waiting: null },
        },
        { kind: 'put', item: retentionMarkerItem(record.caseId, input.at, deps.retentionDays) },
      ],
      [
        {
          ...workflowActor(requestId),
          action: 'gbv-case.close',
          entityType: 'gbv-case',
          entityId: record.caseId,
        },
      ],
    );
  }
  return { caseId: record.caseId, status: 'CLOSED' };
}

/** Workflow task "Close case". */
export const handler = taskHandler({
  name: 'gbv.close-case',
  input: closeCaseSchema,
  core: (input, { requestId }) =>
    closeCase({ ...gbvDeps(), retentionDays: gbvRetentionDays() }, input, requestId),
});
