import * as z from 'zod';
import type { GbvSettings } from '../../domain/gbv/gbv-settings.ts';
import { RESPONSE_TIMEFRAMES } from '../../domain/gbv/response-timeframe.ts';
import type { ServiceDirectory } from '../../domain/gbv/service-directory.ts';
import { INCIDENT_TYPES, SERVICE_TYPES } from '../../domain/gbv/vocabulary.ts';
import { partnerIdSchema, pcodeSchema } from '../common.ts';

const hours = z.number().positive();
const timeframe = z.enum(RESPONSE_TIMEFRAMES);

/** GBV case-management settings (config/gbv-settings.json). */
export const gbvSettingsSchema = z
  .object({
    version: z.string().min(1),
    followUp: z
      .object({
        firstWithinHours: z.object({ HIGH: hours, MEDIUM: hours, LOW: hours }).strict(),
        thenEveryDays: z.number().positive(),
      })
      .strict(),
    urgentHealth: z
      .object({ incidentTypes: z.array(z.enum(INCIDENT_TYPES)), windowHours: hours, timeframe })
      .strict(),
    responseTimeframes: z
      .object({
        HEALTH: timeframe,
        PSYCHOSOCIAL: timeframe,
        SAFETY: timeframe,
        LEGAL: timeframe,
        PROTECTION: timeframe,
        LIVELIHOODS: timeframe,
        OTHER: timeframe,
      })
      .strict(),
    closure: z.object({ noContactDays: z.number().positive() }).strict(),
    statistics: z.object({ minimumCount: z.int().min(1) }).strict(),
  })
  .strict() satisfies z.ZodType<GbvSettings>;

/** Service directory (config/service-directory.json): partners offering services per area P-code. */
export const serviceDirectorySchema = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    entries: z.array(
      z
        .object({
          area: pcodeSchema,
          partnerId: partnerIdSchema,
          services: z.array(z.enum(SERVICE_TYPES)).min(1),
        })
        .strict(),
    ),
  })
  .strict();

/** Partners of a deployment (config/partners.json). */
export const partnersSchema = z
  .object({
    version: z.string().min(1),
    partners: z
      .array(
        z
          .object({
            partnerId: partnerIdSchema,
            name: z.string().min(1),
            kind: z.string().min(1),
            roles: z.array(z.enum(['intake', 'gbv-services'])),
            uploads: z.boolean(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type PartnerList = z.infer<typeof partnersSchema>;

/** Parses and checks the GBV settings. */
export function loadGbvSettings(document: unknown): GbvSettings {
  return gbvSettingsSchema.parse(document);
}

/** Parses and checks a service directory. */
export function loadServiceDirectory(document: unknown): ServiceDirectory {
  return serviceDirectorySchema.parse(document);
}
