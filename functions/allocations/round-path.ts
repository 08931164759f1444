import * as z from 'zod';
import { siteIdSchema } from '../stock/site-path.ts';

export const roundPath = z.strictObject({
  siteId: siteIdSchema,
  round: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
});
