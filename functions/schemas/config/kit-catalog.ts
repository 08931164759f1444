import * as z from 'zod';
import type { KitCatalog } from '../../domain/kits/kit-catalog.ts';
import { kitTypeSchema } from '../common.ts';

const positive = z.number().positive();

/** The kit catalog document (config/kit-catalog.json). */
export const kitCatalogSchema = z
  .object({
    version: z.string().min(1),
    kits: z
      .array(
        z
          .object({
            kitType: kitTypeSchema,
            name: z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict(),
            contents: z.array(
              z.object({ item: z.string().min(1), quantity: positive, unit: z.string().min(1) }).strict(),
            ),
            entitlement: z.discriminatedUnion('basis', [
              z.object({ basis: z.literal('PERSON_DAYS'), personDaysPerKit: positive }).strict(),
              z.object({ basis: z.literal('HOUSEHOLD'), perHousehold: z.int().min(1) }).strict(),
              z
                .object({
                  basis: z.literal('PERSON_MONTHS'),
                  perPersonMonth: z.int().min(1),
                  daysPerMonth: z.int().min(1),
                })
                .strict(),
              z.object({ basis: z.literal('WOMEN_AND_GIRLS_12_TO_49'), perPerson: z.int().min(1) }).strict(),
            ]),
          })
          .strict(),
      )
      .min(1)
      .refine((kits) => new Set(kits.map((kit) => kit.kitType)).size === kits.length, {
        message: 'kit types repeat',
      }),
  })
  .strict() satisfies z.ZodType<KitCatalog>;

/** Parses and checks a kit catalog; throws a ZodError naming each problem. */
export function loadKitCatalog(document: unknown): KitCatalog {
  return kitCatalogSchema.parse(document);
}
