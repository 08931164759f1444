import { aHouseholdCommand } from '../../test/fixtures/domain/commands.ts';

/** Letters only (a, b, …, z, ba, …): names must look like names to the form's validation. */
export const letters = (index: number): string => {
  let text = '';
  let rest = index;
  do {
    text += String.fromCharCode(97 + (rest % 26));
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return text;
};

/** The site of household `index` when `perSite` households share a site. */
export const siteOf = (run: string, index: number, perSite: number): string =>
  `SITE-C${run}${letters(Math.floor(index / perSite))}`.toUpperCase();

/** Birth years two apart keep a site's households out of each other's near-match window (± 1 year). */
const FIRST_BIRTH_YEAR = 1970;
export const MAX_PER_SITE = 16;

/**
 * A `POST /households` body for household `index` of a run: the fixture household (eligible), on
 * a site shared with `perSite - 1` others. Households of one site are compared for duplicates: a
 * name one edit apart (after the transliteration rules, which fold most letter games together)
 * and a birth year within one would park them in supervisor review, so each household of a site
 * has its own birth year, two apart, between 1970 and 2000 (adult, not elderly, as the fixture).
 */
export function cohortHousehold(run: string, index: number, perSite: number) {
  if (perSite > MAX_PER_SITE) throw new RangeError(`at most ${MAX_PER_SITE} households a site`);
  const command = aHouseholdCommand();
  return {
    ...command,
    headOfHousehold: {
      ...command.headOfHousehold,
      givenName: `Awa${letters(index)}`,
      familyName: `Bench${run}`,
      birthYear: FIRST_BIRTH_YEAR + 2 * (index % perSite),
      phone: `+223 7${String(index)
        .padStart(7, '0')
        .replace(/(\d)(\d{2})(\d{2})(\d{2})$/, '$1 $2 $3 $4')}`,
    },
    location: { ...command.location, site: siteOf(run, index, perSite) },
  };
}
