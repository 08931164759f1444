import { httpHandler } from '#shared/http/http-handler.ts';
import { registry } from '../intake/registry.ts';
import { listReviewsQuerySchema } from './list-reviews-query.ts';
import { reviewBody } from './review-view.ts';

/** GET /reviews?status=PENDING: the supervisors' queue, oldest first. */
export const handler = httpHandler({
  route: 'GET /reviews',
  query: listReviewsQuerySchema,
  core: async ({ query }, context) => {
    context.scope();
    const page = await registry().reviews.listByStatus(query);
    return { items: page.items.map(reviewBody), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  },
});
