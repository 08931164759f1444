import * as z from 'zod';
import { httpHandler } from '#shared/http/http-handler.ts';
import { caseKey } from '../adapters/protection/keys.ts';
import { idSchema } from '../schemas/common.ts';
import { consentOverrideSchema } from '../schemas/consent-change.ts';
import { gbvDeps } from './gbv-deps.ts';
import { loadOpenCase } from './load-case.ts';

/**
 * POST /gbv/cases/{caseId}/consent-override: a supervisor holding the `gbv-consent-override`
 * permission records an override of missing consent for one service and partner, with a reason
 * (kept in the protection table; the audit trail records who and when). If the service was
 * withheld and the workflow is between referrals (follow-up phase), it plans the referral at once;
 * a reassignment may use the override too.
 */
export const handler = httpHandler({
  route: 'POST /gbv/cases/{caseId}/consent-override',
  path: z.strictObject({ caseId: idSchema }),
  body: consentOverrideSchema,
  core: async ({ path, body }, context) => {
    const { store, callbacks } = gbvDeps();
    const record = await loadOpenCase(store, path.caseId, context);
    const override = { ...body, supervisorId: context.principal.subject };
    // A withheld service and a workflow between referrals: plan again now rather than never.
    const replan =
      record.waiting?.step === 'FOLLOW_UP' && record.withheld.some((w) => w.service === body.service)
        ? record.waiting
        : null;
    await store.write(
      [
        {
          kind: 'update',
          key: caseKey(record.caseId),
          set: { overrides: [...record.overrides, override], ...(replan ? { waiting: null } : {}) },
        },
      ],
      [
        {
          ...context.actor,
          action: 'gbv-case.consent-override',
          entityType: 'gbv-case',
          entityId: record.caseId,
        },
      ],
    );
    if (replan) await callbacks.succeed(replan.taskToken, { kind: 'REPLAN' });
    return { caseId: record.caseId, overrides: record.overrides.length + 1, replanned: replan !== null };
  },
});
