import { DomainError } from '#domain/errors/domain-error.ts';
import type { Language } from '#domain/i18n/language.ts';

/** A message in each language the API answers in. */
export type LocalizedText = Readonly<Record<Language, string>>;

/** One field-level problem, already in the caller's language. */
export interface FieldMessage {
  path: string;
  message: string;
}

export interface AppErrorOptions {
  status: number;
  code: string;
  message: LocalizedText;
  /** Identifiers only (ids, limits, names of fields): never personal data. */
  params?: Readonly<Record<string, string | number>>;
  cause?: unknown;
}

/**
 * Base of every error the API answers with; the domain's own errors (DomainError) answer the
 * same way, so a handler need not wrap them. The status belongs to the error, so no
 * central switch maps error names to responses; a status below 500 means the message
 * is meant for the caller.
 */
export class AppError extends DomainError {
  override name = 'AppError';
}

/** Narrowing helper for catch blocks. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
