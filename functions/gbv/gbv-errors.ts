import { ConflictError } from '#shared/errors/http-errors.ts';

/** The step this request would complete is not what the case or referral waits for now. */
export class StepNotAwaitedError extends ConflictError {
  constructor(options: { entityType: 'gbv-case' | 'gbv-referral'; entityId: string; step: string }) {
    super({
      code: 'STEP_NOT_AWAITED',
      message: {
        fr: "Cette étape n'est pas attendue pour le moment.",
        en: 'This step is not awaited at the moment.',
      },
      params: { entityType: options.entityType, entityId: options.entityId, step: options.step },
    });
    this.name = 'StepNotAwaitedError';
  }
}

/** The chosen partner does not offer the service in the case's area (service directory). */
export class PartnerNotInDirectoryError extends ConflictError {
  constructor(options: { referralId: string; partnerId: string }) {
    super({
      code: 'PARTNER_NOT_IN_DIRECTORY',
      message: {
        fr: "Ce partenaire n'offre pas ce service dans cette zone.",
        en: 'This partner does not offer this service in this area.',
      },
      params: { referralId: options.referralId, partnerId: options.partnerId },
    });
    this.name = 'PartnerNotInDirectoryError';
  }
}

/** A closure request the rules refuse (contact too recent, referrals pending). */
export class ClosureRefusedError extends ConflictError {
  constructor(options: { caseId: string; problems: string[]; message: { fr: string; en: string } }) {
    super({
      code: 'CLOSURE_REFUSED',
      message: options.message,
      params: { caseId: options.caseId, problems: options.problems.join(',') },
    });
    this.name = 'ClosureRefusedError';
  }
}

/** Task error: the referral was revoked (consent withdrawn) before the step started. */
export class ReferralRevokedError extends Error {
  constructor(referralId: string) {
    super(`Referral ${referralId} is revoked`);
    this.name = 'ReferralRevokedError';
  }
}

/** Task error: the case or referral a workflow step names is not in the protection table. */
export class GbvItemMissingError extends Error {
  constructor(entityType: string, entityId: string) {
    super(`${entityType} ${entityId} not found`);
    this.name = 'GbvItemMissingError';
  }
}
