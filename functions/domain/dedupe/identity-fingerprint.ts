import type { Household } from '../household/household.ts';
import { type Hasher, sha256Hex } from '../ports/hasher.ts';
import { normalizeName } from './normalize-name.ts';

/** The parts of a household that identify it for deduplication. */
export type IdentityFields = {
  headOfHousehold: Pick<Household['headOfHousehold'], 'givenName' | 'familyName' | 'sex' | 'birthYear'>;
  location: Pick<Household['location'], 'adm2' | 'site'>;
};

/**
 * The canonical identity string: normalized given and family names (name order ignored, since
 * forms swap them), birth year, sex, cercle and site. The region is left out on purpose: the same
 * cercle is submitted under ML05 or its 2023-split region (ML18, ML19), which must not make two
 * identities. Versioned so a change of normalization cannot collide with fingerprints already claimed.
 */
export function identityCanonical(household: IdentityFields): string {
  const head = household.headOfHousehold;
  const names = [normalizeName(head.givenName), normalizeName(head.familyName)].sort().join('|');
  const place = `${household.location.adm2.trim().toUpperCase()}|${household.location.site.trim().toUpperCase()}`;
  return `v1|${names}|${head.birthYear}|${head.sex}|${place}`;
}

/**
 * Stable fingerprint of a household's identity, the key of the registration guard item. Contains
 * no readable personal data (a hash of the canonical string).
 */
export function identityFingerprint(household: IdentityFields, hash: Hasher = sha256Hex): string {
  return hash(identityCanonical(household));
}
