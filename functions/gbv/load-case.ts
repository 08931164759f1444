import { CaseClosedError } from '#shared/errors/domain-conflicts.ts';
import { NotFoundError } from '#shared/errors/http-errors.ts';
import type { HttpContext } from '#shared/http/http-context.ts';
import type { ProtectionStore } from '../adapters/protection/protection-store.ts';
import type { CaseRecord } from '../adapters/protection/records.ts';

/** Loads a case for a change: 404 if absent, the matrix's ownership check, 409 if closed. */
export async function loadOpenCase(
  store: ProtectionStore,
  caseId: string,
  context: HttpContext,
): Promise<CaseRecord> {
  const record = await store.getCase(caseId);
  if (!record) throw new NotFoundError({ entityType: 'gbv-case', entityId: caseId });
  context.authorize({ assignedCaseworkerId: record.assignedCaseworkerId });
  if (record.status === 'CLOSED') throw new CaseClosedError({ caseId });
  return record;
}
