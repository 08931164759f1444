import * as z from 'zod';
import { dynamoDbAuditWriter } from '#shared/audit/dynamodb-audit-writer.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { registry } from '../intake/registry.ts';
import { sendTaskSuccess } from '../intake/workflow-callback.ts';
import { reviewDecisionSchema } from '../schemas/review-decision.ts';
import { decideReview } from './review-decisions.ts';

const audit = dynamoDbAuditWriter({ client: documentClient });

/**
 * POST /reviews/{reviewId}/decision: records the supervisor's decision and resumes the workflow
 * waiting on it. A second decision is refused (409).
 */
export const handler = httpHandler({
  route: 'POST /reviews/{reviewId}/decision',
  path: z.object({ reviewId: z.string().min(1).max(64) }),
  body: reviewDecisionSchema,
  core: async ({ path, body }, context) =>
    decideReview(
      { reviews: registry().reviews, answer: sendTaskSuccess, audit, clock: registry().clock },
      { reviewId: path.reviewId, decision: body.decision, note: body.note, actor: context.actor },
    ),
});
