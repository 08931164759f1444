import * as z from 'zod';
import { NotFoundError } from '#shared/errors/http-errors.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { idSchema } from '../schemas/common.ts';
import { verificationOutcomeSchema } from '../schemas/verification-outcome.ts';
import { kitDeps } from './kit-deps.ts';
import { AllocationNotDistributedError } from './kit-errors.ts';

/** POST /allocations/{allocationId}/verification: RECEIVED, NOT_RECEIVED or RECEIVED_WITH_ISSUES. */
export const handler = httpHandler({
  route: 'POST /allocations/{allocationId}/verification',
  path: z.strictObject({ allocationId: idSchema }),
  body: verificationOutcomeSchema,
  core: async ({ path, body }, context) => {
    const deps = kitDeps();
    const allocation = await deps.allocations.get(path.allocationId);
    if (!allocation) throw new NotFoundError({ entityType: 'allocation', entityId: path.allocationId });
    const recorded = await deps.allocations.recordVerification(
      allocation,
      { ...body, recordedBy: context.principal.subject },
      deps.clock.now().toISOString(),
      {
        ...context.actor,
        action: `allocation.verification.${body.outcome.toLowerCase()}`,
        entityType: 'allocation',
        entityId: path.allocationId,
        relatedIds: { householdId: allocation.householdId, siteId: allocation.siteId },
      },
    );
    if (!recorded)
      throw new AllocationNotDistributedError({ allocationId: path.allocationId, status: allocation.status });
    return { status: 'RECORDED', allocationId: path.allocationId, outcome: body.outcome };
  },
});
