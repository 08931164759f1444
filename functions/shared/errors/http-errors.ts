import type { Language } from '#domain/i18n/language.ts';
import { AppError, type FieldMessage, type LocalizedText } from './app-error.ts';

type Cause = { cause?: unknown };

/** Field-level messages in every language, so a report can carry both. */
export type LocalizedFields = Readonly<Record<Language, FieldMessage[]>>;

/** 400: the request is malformed or fails the schema. */
export class ValidationError extends AppError {
  readonly fields: LocalizedFields | undefined;

  constructor(options: { code?: string; message?: LocalizedText; fields?: LocalizedFields } & Cause = {}) {
    super({
      status: 400,
      code: options.code ?? 'VALIDATION_FAILED',
      message: options.message ?? {
        fr: 'La requête contient des données invalides.',
        en: 'The request contains invalid data.',
      },
      cause: options.cause,
    });
    this.name = 'ValidationError';
    this.fields = options.fields;
  }

  override fieldsIn(lang: Language): FieldMessage[] | undefined {
    return this.fields?.[lang];
  }
}

/** 401: no valid identity came with the request. */
export class UnauthorizedError extends AppError {
  constructor(options: Cause = {}) {
    super({
      status: 401,
      code: 'UNAUTHORIZED',
      message: { fr: 'Authentification requise.', en: 'Authentication required.' },
      cause: options.cause,
    });
    this.name = 'UnauthorizedError';
  }
}

/** 403: the caller is known but may not do this. */
export class ForbiddenError extends AppError {
  constructor(options: { routeKey?: string } & Cause = {}) {
    super({
      status: 403,
      code: 'FORBIDDEN',
      message: {
        fr: "Vous n'avez pas le droit d'effectuer cette action.",
        en: 'You are not allowed to perform this action.',
      },
      ...(options.routeKey ? { params: { routeKey: options.routeKey } } : {}),
      cause: options.cause,
    });
    this.name = 'ForbiddenError';
  }
}

/** 404: the resource does not exist (entity type only, never its content). */
export class NotFoundError extends AppError {
  constructor(options: { entityType: string; entityId?: string } & Cause) {
    super({
      status: 404,
      code: 'NOT_FOUND',
      message: { fr: 'Ressource introuvable.', en: 'Resource not found.' },
      params: { entityType: options.entityType, ...(options.entityId ? { entityId: options.entityId } : {}) },
      cause: options.cause,
    });
    this.name = 'NotFoundError';
  }
}

/** 409: the request conflicts with the current state. Subclass it for each domain conflict. */
export class ConflictError extends AppError {
  constructor(
    options: {
      code?: string;
      message?: LocalizedText;
      params?: Record<string, string | number>;
    } & Cause = {},
  ) {
    super({
      status: 409,
      code: options.code ?? 'CONFLICT',
      message: options.message ?? {
        fr: "La requête est en conflit avec l'état actuel.",
        en: 'The request conflicts with the current state.',
      },
      ...(options.params ? { params: options.params } : {}),
      cause: options.cause,
    });
    this.name = 'ConflictError';
  }
}

/** 413: refused before parsing, so a huge body costs nothing. */
export class PayloadTooLargeError extends AppError {
  constructor(options: { limitBytes: number } & Cause) {
    super({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: {
        fr: `Le corps de la requête dépasse la taille maximale de ${options.limitBytes} octets.`,
        en: `The request body exceeds the maximum size of ${options.limitBytes} bytes.`,
      },
      params: { limitBytes: options.limitBytes },
      cause: options.cause,
    });
    this.name = 'PayloadTooLargeError';
  }
}

/** 415: the body is not in a media type the route accepts. */
export class UnsupportedMediaTypeError extends AppError {
  constructor(options: { expected: string } & Cause) {
    super({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: {
        fr: `Type de contenu non pris en charge : utilisez ${options.expected}.`,
        en: `Unsupported content type: use ${options.expected}.`,
      },
      params: { expected: options.expected },
      cause: options.cause,
    });
    this.name = 'UnsupportedMediaTypeError';
  }
}

/** 422: an Idempotency-Key was reused with a different request. */
export class IdempotencyKeyMismatchError extends AppError {
  constructor(options: Cause = {}) {
    super({
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: {
        fr: "Cette clé d'idempotence a déjà servi pour une autre requête.",
        en: 'This idempotency key was already used for a different request.',
      },
      cause: options.cause,
    });
    this.name = 'IdempotencyKeyMismatchError';
  }
}

/** 409: the first request with this Idempotency-Key is still running; retry later. */
export class IdempotencyInProgressError extends AppError {
  constructor(options: Cause = {}) {
    super({
      status: 409,
      code: 'IDEMPOTENCY_IN_PROGRESS',
      message: {
        fr: 'Une requête avec cette clé est en cours de traitement ; réessayez plus tard.',
        en: 'A request with this key is still being processed; retry later.',
      },
      cause: options.cause,
    });
    this.name = 'IdempotencyInProgressError';
  }
}
