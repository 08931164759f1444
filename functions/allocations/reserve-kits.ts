import * as z from 'zod';
import { taskHandler } from '#shared/task/task-handler.ts';
import { allocationRequestSchema, workflowActor } from './dispatch-input.ts';
import { kitDeps } from './kit-deps.ts';
import { reserveKits } from './reservation.ts';

/**
 * Kit-dispatch task "Reserve kits" (a `.waitForTaskToken` step): reserves or waitlists, and the
 * step resumes when the allocation is RESERVED (at once, or when stock arrives).
 */
export const handler = taskHandler({
  name: 'kit-dispatch.reserve-kits',
  input: allocationRequestSchema.extend({ taskToken: z.string().min(1) }),
  core: async ({ taskToken, partnerId, ...request }, { requestId }) =>
    reserveKits(
      kitDeps(),
      { ...request, ...(partnerId ? { partnerId } : {}) },
      taskToken,
      workflowActor(requestId),
    ),
});
