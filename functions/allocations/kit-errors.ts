import { DomainError } from '#domain/errors/domain-error.ts';
import { AppError } from '#shared/errors/app-error.ts';

/** The voucher presented is not the one issued for this allocation (unknown or mistyped code). */
export class VoucherUnknownError extends AppError {
  constructor(options: { allocationId: string }) {
    super({
      status: 422,
      code: 'VOUCHER_UNKNOWN',
      message: {
        fr: "Ce bon n'a pas été émis pour cette allocation. Vérifiez le code.",
        en: 'This voucher was not issued for this allocation. Check the code.',
      },
      params: { allocationId: options.allocationId },
    });
    this.name = 'VoucherUnknownError';
  }
}

/** A proof document must have been uploaded by the caller's organisation (its key prefix). */
export class ProofDocumentNotYoursError extends AppError {
  constructor() {
    super({
      status: 422,
      code: 'PROOF_DOCUMENT_NOT_YOURS',
      message: {
        fr: "Ce justificatif n'a pas été déposé par votre organisation.",
        en: 'This proof document was not uploaded by your organisation.',
      },
    });
    this.name = 'ProofDocumentNotYoursError';
  }
}

/** A verification is recorded only for an allocation whose kits were handed over. */
export class AllocationNotDistributedError extends AppError {
  constructor(options: { allocationId: string; status: string }) {
    super({
      status: 409,
      code: 'ALLOCATION_NOT_DISTRIBUTED',
      message: {
        fr: "Cette allocation n'a pas été distribuée : rien à vérifier.",
        en: 'This allocation was not distributed: there is nothing to verify.',
      },
      params: options,
    });
    this.name = 'AllocationNotDistributedError';
  }
}

/** The domain's errors carry their status; the API answers with them as they are. */
export function asAppError(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  return new AppError({
    status: error.status,
    code: error.code,
    message: error.localized,
    params: error.params,
    cause: error,
  });
}
