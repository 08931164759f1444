import { describe, expect, it } from 'vitest';
import { cohortHousehold, letters, siteOf } from '../../../bench/lib/cohort-households.ts';
import {
  type IdentityFields,
  identityFingerprint,
} from '../../../functions/domain/dedupe/identity-fingerprint.ts';
import { nearMatch } from '../../../functions/domain/dedupe/near-match.ts';

describe('cohortHousehold', () => {
  const households = Array.from({ length: 64 }, (_, index) => cohortHousehold('run', index, 16));
  // The form's `sex` is a string here; dedupe reads the validated household, where it is a code.
  const identities = households.map(
    (household): IdentityFields => ({
      headOfHousehold: {
        ...household.headOfHousehold,
        sex: household.headOfHousehold.sex as IdentityFields['headOfHousehold']['sex'],
      },
      location: household.location,
    }),
  );

  it('puts perSite households on each site', () => {
    const sites = households.map((household) => household.location.site);
    expect(new Set(sites).size).toBe(4);
    expect(sites.filter((site) => site === siteOf('run', 0, 16))).toHaveLength(16);
  });

  it('gives no two households of a run a near match or a shared identity, as dedupe would see them', () => {
    for (const [i, a] of identities.entries()) {
      for (const b of identities.slice(i + 1)) expect(nearMatch(a, b)).toBeUndefined();
    }
    expect(new Set(identities.map((identity) => identityFingerprint(identity))).size).toBe(64);
  });

  it('keeps heads adult and under the elderly age of the rules (60) until 2029', () => {
    for (const household of households) {
      expect(2029 - household.headOfHousehold.birthYear).toBeLessThan(60);
      expect(2026 - household.headOfHousehold.birthYear).toBeGreaterThan(17);
    }
  });

  it('refuses more households a site than birth years can keep apart', () => {
    expect(() => cohortHousehold('run', 0, 17)).toThrow(RangeError);
  });

  it('spells indexes in letters only', () => {
    expect([0, 1, 25, 26, 27].map(letters)).toEqual(['a', 'b', 'z', 'ab', 'bb']);
  });
});
