import { ConflictError } from '#shared/errors/http-errors.ts';

/** A household whose workflow may still read its profile cannot be erased yet. */
export class ErasureWhileInProgressError extends ConflictError {
  constructor(options: { householdId: string; status: string; cause?: unknown }) {
    super({
      code: 'ERASURE_WHILE_IN_PROGRESS',
      message: {
        fr: "Ce ménage est encore en cours de traitement ; l'effacement sera possible une fois la décision prise.",
        en: 'This household is still being processed; it can be erased once it is decided.',
      },
      params: { householdId: options.householdId, status: options.status },
      cause: options.cause,
    });
    this.name = 'ErasureWhileInProgressError';
  }
}

/** Erasure happens once; a second request changes nothing. */
export class AlreadyErasedError extends ConflictError {
  constructor(options: { householdId: string; cause?: unknown }) {
    super({
      code: 'ALREADY_ERASED',
      message: { fr: 'Ce ménage a déjà été effacé.', en: 'This household has already been erased.' },
      params: { householdId: options.householdId },
      cause: options.cause,
    });
    this.name = 'AlreadyErasedError';
  }
}
