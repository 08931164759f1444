import * as z from 'zod';
import { httpHandler } from '#shared/http/http-handler.ts';
import { gbvDeps } from './gbv-deps.ts';

/**
 * GET /gbv/cases: the caller's caseload (all cases for a supervisor), identifiers and workflow
 * state only, `?overdue=true` for cases with a missed follow-up. The caseworker's dashboard of
 * overdue follow-ups; audited.
 */
export const handler = httpHandler({
  route: 'GET /gbv/cases',
  query: z.strictObject({ overdue: z.enum(['true', 'false']).optional() }),
  core: async ({ query }, context) => {
    const scope = context.scope();
    const { store, audit } = gbvDeps();
    const cases = (await store.allCases()).filter(
      (c) =>
        (scope.kind === 'all' ||
          (scope.kind === 'caseworker' && c.assignedCaseworkerId === scope.caseworkerId)) &&
        (query.overdue !== 'true' || c.overdueFollowUp !== null),
    );
    await audit.record({
      ...context.actor,
      action: 'gbv-case.list',
      entityType: 'gbv-caseload',
      entityId: context.principal.subject,
    });
    return {
      cases: cases.map((c) => ({
        caseId: c.caseId,
        survivorCode: c.survivorCode,
        status: c.status,
        awaiting: c.waiting?.step ?? null,
        nextFollowUpDueAt: c.nextFollowUpDueAt,
        overdueFollowUp: c.overdueFollowUp,
      })),
    };
  },
});
