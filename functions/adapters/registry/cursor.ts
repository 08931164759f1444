import { ValidationError } from '#shared/errors/http-errors.ts';

type Key = Record<string, unknown>;

/** Encodes a DynamoDB LastEvaluatedKey as an opaque URL-safe cursor. */
export const encodeCursor = (key: Key | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;

/**
 * Decodes a cursor. Only string-valued keys are accepted (ours all are), so a forged cursor cannot
 * smuggle another type into ExclusiveStartKey.
 */
export function decodeCursor(cursor: string | undefined): Key | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const entries = Object.entries(parsed);
      if (entries.length > 0 && entries.every(([, value]) => typeof value === 'string')) return parsed as Key;
    }
  } catch (error) {
    throw invalidCursor(error);
  }
  throw invalidCursor();
}

const invalidCursor = (cause?: unknown): ValidationError =>
  new ValidationError({
    code: 'INVALID_CURSOR',
    message: { fr: 'Curseur de pagination invalide.', en: 'Invalid pagination cursor.' },
    fields: {
      fr: [{ path: 'cursor', message: 'Curseur invalide.' }],
      en: [{ path: 'cursor', message: 'Invalid cursor.' }],
    },
    cause,
  });
