import * as z from 'zod';
import type { DistributionSettings } from '../../domain/kits/distribution-settings.ts';
import { dateSchema, idSchema, kitTypeSchema } from '../common.ts';

/**
 * Distribution settings (config/distribution-settings.json): timeout, sample size, rounds, and the
 * low-stock thresholds (kits available per site) behind the StockLow metric.
 */
export const distributionSettingsSchema = z
  .object({
    version: z.string().min(1),
    confirmationTimeoutDays: z.number().positive().max(365),
    verificationSampleSize: z.int().min(1),
    rounds: z
      .array(
        z
          .object({
            roundId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
            rationDays: z.int().min(1).max(365),
            opensOn: dateSchema,
            closesOn: dateSchema,
            kitTypes: z.array(kitTypeSchema).min(1).optional(),
          })
          .strict()
          .refine((round) => round.opensOn <= round.closesOn, {
            message: 'closesOn before opensOn',
            path: ['closesOn'],
          }),
      )
      .refine((rounds) => new Set(rounds.map((round) => round.roundId)).size === rounds.length, {
        message: 'round ids repeat',
      }),
    lowStock: z
      .object({
        defaultThreshold: z.int().min(0).max(100_000),
        sites: z.record(idSchema, z.int().min(0).max(100_000)).optional(),
      })
      .strict()
      .optional(),
  })
  .strict() satisfies z.ZodType<DistributionSettings>;

/** Parses and checks the distribution settings. */
export function loadDistributionSettings(document: unknown): DistributionSettings {
  return distributionSettingsSchema.parse(document);
}
