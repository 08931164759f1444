import * as z from 'zod';
import { idSchema, partnerIdSchema } from './common.ts';

const REFERRAL_STATUSES = ['IN_PROGRESS', 'ACCEPTED', 'RETURNED', 'DONE', 'REVOKED'] as const;

/** The cursor is opaque to clients: the last referral id of the previous page, base64url-encoded. */
export const encodeReferralCursor = (referralId: string) =>
  Buffer.from(referralId, 'utf8').toString('base64url');
const cursorSchema = z
  .string()
  .max(120)
  .regex(/^[A-Za-z0-9_-]+$/)
  .transform((cursor) => Buffer.from(cursor, 'base64url').toString('utf8'))
  .pipe(idSchema);

/** Query of GET /gbv/referrals (strict: an unknown key is a 400). */
export const listReferralsQuerySchema = z.strictObject({
  status: z.enum(REFERRAL_STATUSES).optional(),
  partnerId: partnerIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: cursorSchema.optional(),
});
