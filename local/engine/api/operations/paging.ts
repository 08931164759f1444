import { InvalidTokenError, ValidationError } from '../../runtime/errors.ts';

/** Page tokens are opaque to callers: base64url JSON of where the next page starts. */
export const encodePageToken = (position: unknown) =>
  Buffer.from(JSON.stringify(position)).toString('base64url');

export function decodePageToken<T>(
  token: string | undefined,
  isValid: (value: unknown) => value is T,
): T | undefined {
  if (token === undefined || token === null || token === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (isValid(value)) return value;
  } catch {
    // fall through: a token we did not issue
  }
  throw new InvalidTokenError("Invalid Token: 'Invalid token'");
}

/** AWS: 0 or absent means the default page size (100); at most 1000. */
export function pageSize(maxResults: number | undefined): number {
  if (maxResults === undefined || maxResults === null || maxResults === 0) return 100;
  if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > 1000)
    throw new ValidationError(
      "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
  return maxResults;
}

export function required<T>(value: T | undefined | null, field: string): T {
  if (value === undefined || value === null || value === '')
    throw new ValidationError(
      `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  return value;
}
