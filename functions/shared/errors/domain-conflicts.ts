import { ConflictError } from './http-errors.ts';

type Cause = { cause?: unknown };

/** A review already has a decision; a second decision is refused. */
export class ReviewAlreadyDecidedError extends ConflictError {
  constructor(options: { reviewId: string } & Cause) {
    super({
      code: 'REVIEW_ALREADY_DECIDED',
      message: { fr: 'Cette revue a déjà été tranchée.', en: 'This review has already been decided.' },
      params: { reviewId: options.reviewId },
      cause: options.cause,
    });
    this.name = 'ReviewAlreadyDecidedError';
  }
}

/** A voucher was already redeemed, or belongs to another allocation. */
export class VoucherAlreadyUsedError extends ConflictError {
  constructor(options: Cause = {}) {
    super({
      code: 'VOUCHER_ALREADY_USED',
      message: { fr: 'Ce bon a déjà été utilisé.', en: 'This voucher has already been used.' },
      cause: options.cause,
    });
    this.name = 'VoucherAlreadyUsedError';
  }
}

/** The human step this request would complete is no longer waiting (already done or timed out). */
export class TaskNoLongerPendingError extends ConflictError {
  constructor(options: { entityType: string; entityId: string } & Cause) {
    super({
      code: 'TASK_NO_LONGER_PENDING',
      message: {
        fr: "Cette étape n'est plus en attente (déjà traitée ou expirée).",
        en: 'This step is no longer pending (already handled or expired).',
      },
      params: { entityType: options.entityType, entityId: options.entityId },
      cause: options.cause,
    });
    this.name = 'TaskNoLongerPendingError';
  }
}

/** The survivor has not consented to what the request would do. */
export class ConsentMissingError extends ConflictError {
  constructor(options: { caseId: string; service?: string } & Cause) {
    super({
      code: 'CONSENT_MISSING',
      message: {
        fr: "La survivante n'a pas donné son consentement pour cette action.",
        en: 'The survivor has not consented to this action.',
      },
      params: { caseId: options.caseId, ...(options.service ? { service: options.service } : {}) },
      cause: options.cause,
    });
    this.name = 'ConsentMissingError';
  }
}

/** The case is closed; it accepts no more changes. */
export class CaseClosedError extends ConflictError {
  constructor(options: { caseId: string } & Cause) {
    super({
      code: 'CASE_CLOSED',
      message: { fr: 'Ce dossier est clos.', en: 'This case is closed.' },
      params: { caseId: options.caseId },
      cause: options.cause,
    });
    this.name = 'CaseClosedError';
  }
}
