import type { Language } from '../i18n/language.ts';

/**
 * Base of errors the pure domain raises. Same shape as the API's AppError (status, code, localized
 * message, identifier-only params) without depending on it, so an adapter can answer with it
 * directly; the status belongs to the error.
 */
export class DomainError extends Error {
  readonly status: number;
  readonly code: string;
  readonly localized: Readonly<Record<Language, string>>;
  /** Identifiers and limits only: never personal data. */
  readonly params: Readonly<Record<string, string | number>>;

  constructor(options: {
    status: number;
    code: string;
    message: Readonly<Record<Language, string>>;
    params?: Readonly<Record<string, string | number>>;
    cause?: unknown;
  }) {
    super(options.message.en, options.cause === undefined ? undefined : { cause: options.cause });
    // A default only: every subclass names itself, as the bundles are minified without keepNames
    // (class names there are 'xg') and workflows, handlers and logs go by this name.
    this.name = 'DomainError';
    this.status = options.status;
    this.code = options.code;
    this.localized = options.message;
    this.params = options.params ?? {};
  }

  /** The message in the caller's language. */
  messageIn(lang: Language): string {
    return this.localized[lang];
  }

  /** Field-level messages, if this error has any (validation errors do). */
  fieldsIn(_lang: Language): { path: string; message: string }[] | undefined {
    return undefined;
  }
}
