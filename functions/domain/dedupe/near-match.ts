import { damerauLevenshtein } from './damerau-levenshtein.ts';
import type { IdentityFields } from './identity-fingerprint.ts';
import { normalizeName } from './normalize-name.ts';

/** How far apart two similar households are (0 and 0 is an identity match). */
export interface NearMatch {
  nameDistance: number;
  birthYearDifference: number;
}

/** Tolerances for a near match. */
export interface NearMatchTolerance {
  maxNameDistance: number;
  maxBirthYearDifference: number;
}

/** One letter and one year, as the intake issue asks. */
export const DEFAULT_NEAR_MATCH_TOLERANCE: NearMatchTolerance = {
  maxNameDistance: 1,
  maxBirthYearDifference: 1,
};

/**
 * Whether two households are possibly the same, for supervisor review: same site, same sex, birth
 * years within tolerance and full normalized names within the edit distance. Names are compared
 * in both orders because given and family names get swapped. Returns undefined when they are not
 * alike; an exact identity match also returns a result (distance 0), which the caller has
 * normally caught earlier through the fingerprint guard.
 */
export function nearMatch(
  a: IdentityFields,
  b: IdentityFields,
  tolerance: NearMatchTolerance = DEFAULT_NEAR_MATCH_TOLERANCE,
): NearMatch | undefined {
  if (a.location.site.trim().toUpperCase() !== b.location.site.trim().toUpperCase()) return undefined;
  if (a.headOfHousehold.sex !== b.headOfHousehold.sex) return undefined;
  const birthYearDifference = Math.abs(a.headOfHousehold.birthYear - b.headOfHousehold.birthYear);
  if (birthYearDifference > tolerance.maxBirthYearDifference) return undefined;
  const given = (h: IdentityFields) => normalizeName(h.headOfHousehold.givenName);
  const family = (h: IdentityFields) => normalizeName(h.headOfHousehold.familyName);
  const straight = damerauLevenshtein(`${given(a)} ${family(a)}`, `${given(b)} ${family(b)}`);
  const swapped = damerauLevenshtein(`${given(a)} ${family(a)}`, `${family(b)} ${given(b)}`);
  const nameDistance = Math.min(straight, swapped);
  if (nameDistance > tolerance.maxNameDistance) return undefined;
  return { nameDistance, birthYearDifference };
}
