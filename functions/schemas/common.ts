import * as z from 'zod';
import { messageKey } from './messages.ts';

/** A P-code as written in OCHA tables: country letters, then digits (ML, ML05, ML0506, ML050601). */
export const pcodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}(\d{2})*$/, { error: messageKey('pcodeFormat') })
  .meta({ description: 'OCHA P-code, kept as submitted (2019 or 2023-split codes)', examples: ['ML0506'] });

/** Opaque identifiers issued by the system (ULIDs or similar). */
export const idSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** Partner organisation id as listed in configuration (e.g. FeDe, AMSS, DeltaSurvie). */
export const partnerIdSchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/);

/** Kit type code from the kit catalog. */
export const kitTypeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{1,31}$/)
  .meta({ examples: ['FOOD', 'HYGIENE', 'DIGNITY'] });

/** Free text a person types: trimmed, non-empty, bounded. */
export const textSchema = (max: number) => z.string().trim().min(1).max(max);

/** A calendar date, YYYY-MM-DD. */
export const dateSchema = z.iso.date();

/** An instant with offset, ISO 8601. */
export const instantSchema = z.iso.datetime({ offset: true });

/** A count of people or items. */
export const countSchema = z.int().min(0).max(10_000);

/** Raises a named issue at a path below the object being refined. */
export function addIssue(
  ctx: z.RefinementCtx,
  path: (string | number)[],
  name: Parameters<typeof messageKey>[0],
  params: Record<string, unknown> = {},
): void {
  ctx.addIssue({ code: 'custom', path, message: messageKey(name), params });
}
