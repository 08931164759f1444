import type { z } from 'zod';
import type { Language } from '#domain/i18n/language.ts';
import { formatIssues } from '../../schemas/format-issues.ts';
import { validate } from '../../schemas/validate.ts';
import { ValidationError } from '../errors/http-errors.ts';

/**
 * Which part of the request a schema checks. Body paths stay as the schema names them
 * (`headOfHousehold.givenName`); query and path parameters are prefixed (`query.site`).
 */
export type RequestPart = 'body' | 'query' | 'path';

/**
 * Parses one part of the request with the schemas' own `validate` (which lets messages tell a
 * missing field from a wrong type) and throws a ValidationError carrying the field messages
 * in both languages.
 */
export function parsePart<S extends z.ZodType>(schema: S, value: unknown, part: RequestPart): z.output<S> {
  const result = validate(schema, value);
  if (result.success) return result.data;
  const fieldsIn = (lang: Language) =>
    formatIssues(result.error, lang).map((field) => ({
      path: part === 'body' ? field.path : [part, field.path].filter(Boolean).join('.'),
      message: field.message,
    }));
  throw new ValidationError({ fields: { fr: fieldsIn('fr'), en: fieldsIn('en') }, cause: result.error });
}

/**
 * Refuses, when the handler is built, a body schema that would let unknown keys through at the
 * top level: forms are strict. A route that must accept foreign keys (Kobo) says so explicitly.
 */
export function assertStrictObject(schema: z.ZodType, routeKey: string): void {
  const def = schema._zod.def as { type: string; catchall?: z.ZodType };
  if (def.type !== 'object') return;
  if (def.catchall?._zod.def.type !== 'never') {
    throw new TypeError(`${routeKey}: body schema must be strict (z.strictObject) or set allowUnknownKeys`);
  }
}
