import * as z from 'zod';
import { SERVICE_TYPES } from '../domain/gbv/vocabulary.ts';
import { partnerIdSchema, textSchema } from './common.ts';

/**
 * `POST /gbv/cases/{caseId}/consent/withdrawal`: withdraw consent for some services or partners,
 * or for everything when both lists are absent. Pending referrals it covers are revoked.
 */
export const consentWithdrawalSchema = z
  .object({
    services: z.array(z.enum(SERVICE_TYPES)).min(1).optional(),
    partnerIds: z.array(partnerIdSchema).min(1).optional(),
    statistics: z.boolean().optional().meta({ description: 'true withdraws consent to statistics use too' }),
    note: textSchema(1000).optional(),
  })
  .strict()
  .meta({ id: 'ConsentWithdrawal' });

/**
 * `POST /gbv/cases/{caseId}/consent/override` (supervisor with the override permission): refer a
 * service without the survivor's consent, with a reason that is audited.
 */
export const consentOverrideSchema = z
  .object({ service: z.enum(SERVICE_TYPES), partnerId: partnerIdSchema, reason: textSchema(1000) })
  .strict()
  .meta({ id: 'ConsentOverride' });

export type ConsentWithdrawal = z.infer<typeof consentWithdrawalSchema>;
export type ConsentOverride = z.infer<typeof consentOverrideSchema>;
