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
 * (kept in the protection table; the audit trail records who and when). Referrals planned or
 * reassigned afterwards may use it.
 */
export const handler = httpHandler({
  route: 'POST /gbv/cases/{caseId}/consent-override',
  path: z.strictObject({ caseId: idSchema }),
  body: consentOverrideSchema,
  core: async ({ path, body }, context) => {
    const { store } = gbvDeps();
    const record = await loadOpenCase(store, path.caseId, context);
    const override = { ...body, supervisorId: context.principal.subject };
    await store.write(
      [
        {
          kind: 'update',
          key: caseKey(record.caseId),
          set: { overrides: [...record.overrides, override] },
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
    return { caseId: record.caseId, overrides: record.overrides.length + 1 };
  },
});
