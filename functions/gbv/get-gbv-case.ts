import * as z from 'zod';
import { NotFoundError } from '#shared/errors/http-errors.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { idSchema } from '../schemas/common.ts';
import { caseView } from './case-views.ts';
import { gbvDeps } from './gbv-deps.ts';

/**
 * GET /gbv/cases/{caseId}: the assigned caseworker or a supervisor reads the case file, with its
 * referrals, follow-ups (an overdue one is flagged) and identifying details. Every read is audited.
 */
export const handler = httpHandler({
  route: 'GET /gbv/cases/{caseId}',
  path: z.strictObject({ caseId: idSchema }),
  core: async ({ path }, context) => {
    const { store, audit } = gbvDeps();
    const record = await store.getCase(path.caseId);
    if (!record) throw new NotFoundError({ entityType: 'gbv-case', entityId: path.caseId });
    context.authorize({ assignedCaseworkerId: record.assignedCaseworkerId });
    await audit.record({
      ...context.actor,
      action: 'gbv-case.read',
      entityType: 'gbv-case',
      entityId: path.caseId,
    });
    const [identity, referrals, followUps] = await Promise.all([
      store.getIdentity(path.caseId),
      store.referralsOf(path.caseId),
      store.followUpsOf(path.caseId),
    ]);
    return caseView(record, identity, referrals, followUps);
  },
});
