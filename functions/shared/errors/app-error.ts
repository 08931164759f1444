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
 * Base of every error the API answers with. The status belongs to the error, so no
 * central switch maps error names to responses; a status below 500 means the message
 * is meant for the caller.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly localized: LocalizedText;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(options: AppErrorOptions) {
    // English as Error.message: what a developer reads in a stack trace.
    super(options.message.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status;
    this.code = options.code;
    this.localized = options.message;
    this.params = options.params ?? {};
  }

  /** The message for the caller, in their language. */
  messageIn(lang: Language): string {
    return this.localized[lang];
  }

  /** Field-level messages, if this error has any. */
  fieldsIn(_lang: Language): FieldMessage[] | undefined {
    return undefined;
  }
}

/** Narrowing helper for catch blocks. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
