import * as z from 'zod';
import { idSchema, kitTypeSchema } from '../schemas/common.ts';

/** An allocation as the workflow passes it between steps: identifiers and kit lines only. */
export const allocationRequestSchema = z.object({
  allocationId: idSchema,
  householdId: idSchema,
  round: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  siteId: z.string().min(1).max(64),
  lines: z
    .array(z.object({ kitType: kitTypeSchema, quantity: z.int().min(1) }))
    .min(1)
    .max(20),
  registeredAt: z.string().min(1),
  partnerId: z.string().nullish(),
});

/** The identity workflow tasks write audit records under. */
export const workflowActor = (requestId: string) => ({
  actor: 'workflow:kit-dispatch',
  roles: ['workflow'],
  requestId,
});
