import * as z from 'zod';
import { taskHandler } from '#shared/task/task-handler.ts';
import { idSchema } from '../schemas/common.ts';
import { workflowActor } from './dispatch-input.ts';
import { expireAllocation } from './expiry.ts';
import { kitDeps } from './kit-deps.ts';

/** Kit-dispatch task "Release reservation" / "Leave waitlist": `{ allocationId, reason }`. */
export const handler = taskHandler({
  name: 'kit-dispatch.expire-allocation',
  input: z.object({
    allocationId: idSchema,
    reason: z.enum(['waitlist-timeout', 'confirmation-timeout', 'workflow-failure']),
  }),
  core: async ({ allocationId, reason }, { requestId }) =>
    expireAllocation(kitDeps(), allocationId, reason, workflowActor(requestId)),
});
