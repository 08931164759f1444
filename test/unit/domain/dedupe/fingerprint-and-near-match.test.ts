import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockingKey, nearMatchBlockingKeys } from '../../../../functions/domain/dedupe/blocking-key.ts';
import { damerauLevenshtein } from '../../../../functions/domain/dedupe/damerau-levenshtein.ts';
import { identityFingerprint } from '../../../../functions/domain/dedupe/identity-fingerprint.ts';
import { nearMatch } from '../../../../functions/domain/dedupe/near-match.ts';
import { aHousehold } from '../../../fixtures/domain/households.ts';

const base = aHousehold();
const withHead = (head: Partial<typeof base.headOfHousehold>, location: Partial<typeof base.location> = {}) =>
  aHousehold({ headOfHousehold: head, location });

describe('identityFingerprint', () => {
  it('is a sha256 hex digest', () => {
    expect(identityFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for spelling variants, case, accents, spacing and swapped names', () => {
    const variant = withHead({ givenName: ' AMINATA ', familyName: 'Traore' });
    const swapped = withHead({ givenName: 'Traoré', familyName: 'Aminata' });
    expect(identityFingerprint(variant)).toBe(identityFingerprint(base));
    expect(identityFingerprint(swapped)).toBe(identityFingerprint(base));
  });

  it('changes with birth year, sex, cercle or site', () => {
    const fp = identityFingerprint(base);
    expect(identityFingerprint(withHead({ birthYear: 1989 }))).not.toBe(fp);
    expect(identityFingerprint(withHead({ sex: 'M' }))).not.toBe(fp);
    expect(identityFingerprint(withHead({}, { adm2: 'ML0503' }))).not.toBe(fp);
    expect(identityFingerprint(withHead({}, { site: 'SITE-OTHER' }))).not.toBe(fp);
  });

  it('ignores details outside the identity (phone, members, food security)', () => {
    const other = aHousehold({
      headOfHousehold: { phone: '+22370000000' },
      members: { total: 9 },
      foodSecurity: { hhs: 4 },
    });
    expect(identityFingerprint(other)).toBe(identityFingerprint(base));
  });

  it('accepts a hasher port', () => {
    expect(identityFingerprint(base, (canonical) => `H(${canonical})`)).toBe(
      'H(v1|aminata|traore|1988|F|ML0506|SITE-SEVARE-01)',
    );
  });
});

describe('damerauLevenshtein', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['abc', 'ab', 1],
    ['abc', 'abcd', 1],
    ['abc', 'acb', 1],
    ['kitten', 'sitting', 3],
  ])('distance(%s, %s) = %s', (a, b, distance) => {
    expect(damerauLevenshtein(a, b)).toBe(distance);
  });

  it('is symmetric and zero only for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = damerauLevenshtein(a, b);
        return d === damerauLevenshtein(b, a) && (d === 0) === (a === b);
      }),
    );
  });
});

describe('nearMatch', () => {
  it('flags a one-letter difference at the same site, same sex, birth year ± 1', () => {
    expect(nearMatch(base, withHead({ givenName: 'Aminta' }))).toEqual({
      nameDistance: 1,
      birthYearDifference: 0,
    });
    expect(nearMatch(base, withHead({ familyName: 'Traoré', birthYear: 1989 }))).toEqual({
      nameDistance: 0,
      birthYearDifference: 1,
    });
    expect(nearMatch(base, withHead({ givenName: 'Amniata' }))?.nameDistance).toBe(1);
  });

  it('does not flag two letters of difference, another site, another sex or two years apart', () => {
    expect(nearMatch(base, withHead({ givenName: 'Amintou' }))).toBeUndefined();
    expect(nearMatch(base, withHead({ givenName: 'Aminta' }, { site: 'SITE-OTHER' }))).toBeUndefined();
    expect(nearMatch(base, withHead({ sex: 'M' }))).toBeUndefined();
    expect(nearMatch(base, withHead({ birthYear: 1990 }))).toBeUndefined();
  });

  it('compares names in both orders', () => {
    expect(nearMatch(base, withHead({ givenName: 'Traoré', familyName: 'Aminta' }))?.nameDistance).toBe(1);
  });
});

describe('blocking keys', () => {
  it('uses site, sex and a two-year bucket', () => {
    expect(blockingKey(base)).toBe('NEAR#SITE-SEVARE-01#F#1988');
    expect(blockingKey(withHead({ birthYear: 1989 }))).toBe('NEAR#SITE-SEVARE-01#F#1988');
  });

  it('covers every near-match candidate: whenever nearMatch holds, the candidate key is among the queried keys', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1920, max: 2015 }), fc.integer({ min: -1, max: 1 }), (year, delta) => {
        const a = withHead({ birthYear: year });
        const b = withHead({ birthYear: year + delta });
        return nearMatch(a, b) !== undefined && nearMatchBlockingKeys(a).includes(blockingKey(b));
      }),
    );
  });
});

describe('identityFingerprint across the 2023 re-division', () => {
  it('is the same whether the cercle is submitted under its 2019 or its 2023 region', () => {
    const old = aHousehold({ location: { adm1: 'ML05', adm2: 'ML0504', site: 'SITE-DOUENTZA' } });
    const split = aHousehold({ location: { adm1: 'ML18', adm2: 'ML0504', site: 'SITE-DOUENTZA' } });
    expect(identityFingerprint(split)).toBe(identityFingerprint(old));
  });
});
