import * as z from 'zod';

/** Statuses a household moves through; see docs/DATA-MODEL.md. */
export const HOUSEHOLD_STATUSES = [
  'RECEIVED',
  'REGISTERED',
  'PENDING_REVIEW',
  'ELIGIBLE',
  'INELIGIBLE',
  'DUPLICATE',
  'REVIEW_EXPIRED',
  'FAILED',
] as const;

/** `GET /households`: one site at a time (each list stays a Query), optionally one status. */
export const listHouseholdsQuerySchema = z.strictObject({
  site: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/),
  status: z.enum(HOUSEHOLD_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});
