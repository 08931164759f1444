import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors/app-error.ts';
import { VoucherAlreadyUsedError } from '#shared/errors/domain-conflicts.ts';
import { ConflictError, PayloadTooLargeError, ValidationError } from '#shared/errors/http-errors.ts';
import { errorReply } from '#shared/http/error-reply.ts';

describe('AppError', () => {
  it('sets name, status, code and keeps the cause', () => {
    const cause = new Error('root');
    const error = new VoucherAlreadyUsedError({ cause });
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toBeInstanceOf(AppError);
    expect(error.name).toBe('VoucherAlreadyUsedError');
    expect(error.status).toBe(409);
    expect(error.code).toBe('VOUCHER_ALREADY_USED');
    expect(error.cause).toBe(cause);
    expect(error.messageIn('fr')).toBe('Ce bon a déjà été utilisé.');
  });

  it('answers a caller error in the caller’s language, with fields when it has them', () => {
    const error = new ValidationError({
      fields: { fr: [{ path: 'a', message: 'requis' }], en: [{ path: 'a', message: 'required' }] },
    });
    expect(errorReply(error, 'en')).toEqual({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'The request contains invalid data.',
          fields: [{ path: 'a', message: 'required' }],
        },
      },
    });
    expect(errorReply(new PayloadTooLargeError({ limitBytes: 10 }), 'fr').body).toEqual({
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: 'Le corps de la requête dépasse la taille maximale de 10 octets.',
      },
    });
  });

  it('hides anything at or above 500, even an AppError', () => {
    const serverSide = new AppError({
      status: 503,
      code: 'DOWNSTREAM',
      message: { fr: 'détail', en: 'detail' },
    });
    expect(errorReply(serverSide, 'en')).toEqual({
      status: 500,
      body: { error: { code: 'INTERNAL', message: expect.not.stringContaining('detail') } },
    });
    expect(errorReply('a thrown string', 'fr').status).toBe(500);
  });
});
