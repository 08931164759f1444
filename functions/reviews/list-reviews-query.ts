import * as z from 'zod';

/** `GET /reviews`: the queue of one status, PENDING unless asked otherwise. */
export const listReviewsQuerySchema = z.strictObject({
  status: z.enum(['PENDING', 'DECIDED', 'EXPIRED']).default('PENDING'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});
