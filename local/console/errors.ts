/** Errors the console's JSON endpoints answer with; the status belongs to the error. */

type Language = 'en' | 'fr';
type Messages = Record<Language, string>;

export class ConsoleError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: Messages;
  readonly fields: Record<string, Messages> | undefined;
  constructor(
    status: number,
    code: string,
    messages: Messages,
    fields?: Record<string, Messages>,
    options?: { cause?: unknown },
  ) {
    super(messages.en, options);
    this.status = status;
    this.code = code;
    this.messages = messages;
    this.fields = fields;
    this.name = 'ConsoleError';
  }
}

export class UnauthenticatedError extends ConsoleError {
  constructor(cause?: unknown) {
    super(
      401,
      'Unauthenticated',
      { en: 'A valid operator token is required.', fr: 'Un jeton opérateur valide est requis.' },
      undefined,
      { cause },
    );
    this.name = 'UnauthenticatedError';
  }
}

export class NotOperatorError extends ConsoleError {
  constructor() {
    super(403, 'Forbidden', {
      en: 'This token does not belong to the operator group.',
      fr: "Ce jeton n'appartient pas au groupe des opérateurs.",
    });
    this.name = 'NotOperatorError';
  }
}

export class BadRequestError extends ConsoleError {
  constructor(fields: Record<string, Messages>) {
    super(400, 'BadRequest', { en: 'The request is not valid.', fr: "La requête n'est pas valide." }, fields);
    this.name = 'BadRequestError';
  }
}

export class RouteNotFoundError extends ConsoleError {
  constructor() {
    super(404, 'NotFound', { en: 'Not found.', fr: 'Introuvable.' });
    this.name = 'RouteNotFoundError';
  }
}

/**
 * Step Functions answers a caller's mistake (unknown execution, not redrivable, bad ARN) with a
 * client fault whose message names only ARNs, so it is passed on; anything else becomes a 502
 * that does not leak internals.
 */
export function fromSfnError(error: unknown): ConsoleError {
  if (error instanceof ConsoleError) return error;
  const sdk = error as { name?: string; message?: string; $fault?: string };
  if (sdk?.$fault === 'client' && sdk.name && sdk.message) {
    const status = sdk.name.endsWith('DoesNotExist') ? 404 : sdk.name.endsWith('NotRedrivable') ? 409 : 400;
    return new ConsoleError(status, sdk.name, { en: sdk.message, fr: sdk.message });
  }
  return new ConsoleError(
    502,
    'StepFunctionsUnavailable',
    { en: 'Step Functions did not answer as expected.', fr: "Step Functions n'a pas répondu comme prévu." },
    undefined,
    { cause: error },
  );
}

export function pickLanguage(acceptLanguage: string | undefined): Language {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('fr') ? 'fr' : 'en';
}

export function errorBody(error: ConsoleError, language: Language) {
  return {
    error: {
      code: error.code,
      message: error.messages[language],
      ...(error.fields
        ? {
            fields: Object.fromEntries(
              Object.entries(error.fields).map(([field, messages]) => [field, messages[language]]),
            ),
          }
        : {}),
    },
  };
}
