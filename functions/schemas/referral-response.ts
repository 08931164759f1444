import * as z from 'zod';
import { addIssue, partnerIdSchema, textSchema } from './common.ts';

/** Why a partner declines a referral. */
export const DECLINE_REASONS = ['NO_CAPACITY', 'SERVICE_NOT_OFFERED', 'OUT_OF_AREA', 'OTHER'] as const;

/** `POST /gbv/referrals/{referralId}/response` (receiving partner only). */
export const referralResponseSchema = z
  .object({
    decision: z.enum(['ACCEPT', 'DECLINE']),
    declineReason: z.enum(DECLINE_REASONS).optional(),
    note: textSchema(1000).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.decision === 'DECLINE' && !body.declineReason)
      addIssue(ctx, ['declineReason'], 'reasonRequired');
    if (body.declineReason === 'OTHER' && !body.note) addIssue(ctx, ['note'], 'reasonRequired');
  })
  .meta({ id: 'ReferralResponse' });

/** `POST /gbv/referrals/{referralId}/completion`: the provider records the service as implemented. */
export const referralCompletionSchema = z
  .object({ status: z.literal('DONE'), note: textSchema(2000) })
  .strict()
  .meta({ id: 'ReferralCompletion' });

export type ReferralResponse = z.infer<typeof referralResponseSchema>;
export type ReferralCompletion = z.infer<typeof referralCompletionSchema>;

/** Body of a reassignment: the partner the caseworker chose with the survivor. */
export const reassignmentSchema = z
  .strictObject({ partnerId: partnerIdSchema })
  .meta({ id: 'ReferralReassignment' });
