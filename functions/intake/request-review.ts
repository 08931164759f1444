import { taskHandler } from '#shared/task/task-handler.ts';
import { registry } from './registry.ts';
import { requestReview } from './review-requests.ts';
import { reviewCallbackSchema } from './task-input.ts';
import { sendTaskSuccess } from './workflow-callback.ts';

/**
 * Workflow task "Wait for supervisor review" (and its reminder and escalation phases), invoked with
 * `.waitForTaskToken`: it stores the token on the review and returns; the workflow waits until
 * POST /reviews/{reviewId}/decision sends the token back.
 */
export const handler = taskHandler({
  name: 'intake.request-review',
  input: reviewCallbackSchema,
  core: async (input) => requestReview({ ...registry(), answer: sendTaskSuccess }, input),
});
