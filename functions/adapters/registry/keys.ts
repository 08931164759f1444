/**
 * Keys of the intake items in the registry table (see docs/DATA-MODEL.md). Nothing else spells a key,
 * so the workflow definition, the adapters and the tests agree by construction.
 */

/** Kinds of supervisor review: a possible duplicate, or a decision the rules left open. */
export type ReviewKind = 'duplicate' | 'eligibility';

const reviewKinds: readonly ReviewKind[] = ['duplicate', 'eligibility'];

export const householdPk = (householdId: string): string => `HH#${householdId}`;
export const profileSk = 'PROFILE';
export const decisionSkPrefix = 'DECISION#';
export const decisionSk = (decidedAt: string): string => `${decisionSkPrefix}${decidedAt}`;
export const reviewSk = (kind: ReviewKind): string => `REVIEW#${kind}`;
export const allocationSkPrefix = 'ALLOC#';

/** Listing index: households of a site, by status then arrival. */
export const siteGsi1pk = (site: string): string => `SITE#${site}`;
export const statusGsi1skPrefix = (status: string): string => `STATUS#${status}#`;
export const householdGsi1sk = (status: string, createdAt: string, householdId: string): string =>
  `${statusGsi1skPrefix(status)}${createdAt}#${householdId}`;

/** Near-match candidates share a blocking key. */
export const blockingGsi2pk = (blockingKey: string): string => `BLOCK#${blockingKey}`;
export const householdGsi2sk = (householdId: string): string => `HH#${householdId}`;

/** Review queue by status, oldest first. */
export const reviewGsi1pk = (status: string): string => `REVIEW#${status}`;
export const reviewGsi1sk = (createdAt: string, reviewId: string): string => `${createdAt}#${reviewId}`;

export const guardSk = 'GUARD';
export const identityGuardPk = (fingerprint: string): string => `GUARD#IDENTITY#${fingerprint}`;
export const koboGuardPk = (submissionUuid: string): string => `GUARD#KOBO#${submissionUuid}`;

/** `<householdId>-<kind>`: the review of a household is found without an index. */
export const reviewIdOf = (householdId: string, kind: ReviewKind): string => `${householdId}-${kind}`;

/** Splits a review id; undefined when it is not one of ours (the API answers 404). */
export function parseReviewId(reviewId: string): { householdId: string; kind: ReviewKind } | undefined {
  const dash = reviewId.lastIndexOf('-');
  if (dash <= 0) return undefined;
  const householdId = reviewId.slice(0, dash);
  const kind = reviewId.slice(dash + 1) as ReviewKind;
  if (!reviewKinds.includes(kind) || !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(householdId)) return undefined;
  return { householdId, kind };
}
