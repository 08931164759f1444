import type { IdentityFields } from './identity-fingerprint.ts';

/**
 * Key under which near-match candidates are indexed (e.g. a GSI partition): site, sex and a
 * birth-year bucket. Years are bucketed in pairs; a query for a household reads its own bucket and
 * the neighbouring one that holds year ± 1 (see {@link nearMatchBlockingKeys}).
 */
export function blockingKey(household: IdentityFields): string {
  return keyFor(household.location.site, household.headOfHousehold.sex, household.headOfHousehold.birthYear);
}

/**
 * The blocking keys to query so every candidate within ± 1 birth year is found: the household's
 * own bucket and the bucket of year − 1 or year + 1 that lies outside it.
 */
export function nearMatchBlockingKeys(household: IdentityFields): string[] {
  const { site } = household.location;
  const { sex, birthYear } = household.headOfHousehold;
  const keys = new Set([
    keyFor(site, sex, birthYear - 1),
    keyFor(site, sex, birthYear),
    keyFor(site, sex, birthYear + 1),
  ]);
  return [...keys];
}

function keyFor(site: string, sex: string, birthYear: number): string {
  const bucket = Math.floor(birthYear / 2) * 2;
  return `NEAR#${site.trim().toUpperCase()}#${sex}#${bucket}`;
}
