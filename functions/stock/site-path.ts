import * as z from 'zod';

/** A distribution site id as households carry it (`location.site`). */
export const siteIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export const sitePath = z.strictObject({ siteId: siteIdSchema });
