import type { AuditEvent } from '#shared/audit/audit-event.ts';
import { caseKey } from '../adapters/protection/keys.ts';
import type { ProtectionStore } from '../adapters/protection/protection-store.ts';
import type { CaseFailure } from '../adapters/protection/records.ts';

/**
 * A GBV case keeps its status when its workflow fails (the caseworker still holds an open case);
 * the failure is written beside it, with its audit record in the same transaction.
 */
export interface CaseFailures {
  /** False when the case is missing or already carries this very failure. */
  mark(caseId: string, failure: CaseFailure, audit: AuditEvent): Promise<boolean>;
  /** False when the case carries no failure. */
  clear(caseId: string, audit: AuditEvent): Promise<boolean>;
}

export function caseFailures(store: Pick<ProtectionStore, 'getCase' | 'write'>): CaseFailures {
  return {
    async mark(caseId, failure, audit) {
      const record = await store.getCase(caseId);
      if (!record) return false;
      if (record.failure?.executionArn === failure.executionArn && record.failure.at === failure.at)
        return false;
      await store.write([{ kind: 'update', key: caseKey(caseId), set: { failure } }], [audit]);
      return true;
    },
    async clear(caseId, audit) {
      const record = await store.getCase(caseId);
      if (!record?.failure) return false;
      await store.write([{ kind: 'update', key: caseKey(caseId), set: { failure: null } }], [audit]);
      return true;
    },
  };
}
