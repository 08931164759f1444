import * as z from 'zod';
import { httpHandler } from '#shared/http/http-handler.ts';
import { registry } from '../intake/registry.ts';
import { reviewBody } from './review-view.ts';

const query = z.strictObject({
  status: z.enum(['PENDING', 'DECIDED', 'EXPIRED']).default('PENDING'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

/** GET /reviews?status=PENDING: the supervisors' queue, oldest first. */
export const handler = httpHandler({
  route: 'GET /reviews',
  query,
  core: async ({ query }, context) => {
    context.scope();
    const page = await registry().reviews.listByStatus(query);
    return { items: page.items.map(reviewBody), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  },
});
