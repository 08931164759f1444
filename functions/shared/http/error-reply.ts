import { DomainError } from '#domain/errors/domain-error.ts';
import type { Language } from '#domain/i18n/language.ts';
import type { Reply } from './reply.ts';

const INTERNAL_MESSAGE = {
  fr: 'Erreur interne. Réessayez plus tard ou communiquez cet identifiant de requête au support.',
  en: 'Internal error. Retry later or give this request id to support.',
} as const;

/** Whether the error's message is meant for the caller: an AppError or DomainError below 500. */
export function isCallerError(error: unknown): error is DomainError {
  return error instanceof DomainError && error.status < 500;
}

/**
 * The answer for a failed request. The status belongs to the error; anything that is not a
 * caller error becomes a plain 500 that says nothing about the cause.
 */
export function errorReply(error: unknown, lang: Language): Reply {
  if (!isCallerError(error)) {
    return { status: 500, body: { error: { code: 'INTERNAL', message: INTERNAL_MESSAGE[lang] } } };
  }
  const fields = error.fieldsIn(lang);
  return {
    status: error.status,
    body: { error: { code: error.code, message: error.messageIn(lang), ...(fields ? { fields } : {}) } },
  };
}
