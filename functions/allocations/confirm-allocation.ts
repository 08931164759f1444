import * as z from 'zod';
import { httpHandler } from '#shared/http/http-handler.ts';
import { runOnce } from '#shared/idempotency/run-once.ts';
import { allocationConfirmationSchema } from '../schemas/allocation-confirmation.ts';
import { idSchema } from '../schemas/common.ts';
import { confirmAllocation } from './confirmation.ts';
import { kitDeps } from './kit-deps.ts';

/**
 * POST /allocations/{allocationId}/confirmation: DISTRIBUTED, PARTIAL (which kits) or
 * NOT_DISTRIBUTED, with the voucher code presented and who collected. An unknown voucher is a
 * 422, a used one a 409.
 */
export const handler = httpHandler({
  route: 'POST /allocations/{allocationId}/confirmation',
  path: z.strictObject({ allocationId: idSchema }),
  body: allocationConfirmationSchema,
  idempotency: { runOnce, header: 'Idempotency-Key' },
  core: async ({ path, body }, context) =>
    confirmAllocation(kitDeps(), {
      allocationId: path.allocationId,
      confirmation: body,
      actor: context.actor,
      authorize: (resource) => context.authorize(resource),
    }),
});
