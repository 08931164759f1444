/**
 * Transliteration variants common in Malian names written in French, rewritten to one spelling so
 * "Touré"/"Toure"/"Tourey", "Coulibaly"/"Kulibali" or "Djénépo"/"Jenepo" meet. Applied after accents are removed and the
 * name is lower-cased; order matters (longer patterns first).
 */
const VARIANTS: readonly [RegExp, string][] = [
  // Sounds written with several letters become one placeholder (upper case, so it meets no letter).
  [/tch/g, 'C'],
  [/dj/g, 'j'],
  [/[cs]h/g, 'S'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/kh/g, 'k'],
  [/gu(?=[ei])/g, 'g'],
  [/qu?/g, 'k'],
  [/c(?=[aou])/g, 'k'],
  [/ou/g, 'u'],
  [/ey\b/g, 'e'],
  [/y/g, 'i'],
  [/h/g, ''],
  [/([a-z])\1+/g, '$1'],
];

/**
 * Normalizes a name for matching: Unicode compatibility form, accents removed, lower case,
 * punctuation and hyphens to spaces, whitespace collapsed, transliteration variants unified.
 */
export function normalizeName(name: string): string {
  let value = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  for (const [pattern, replacement] of VARIANTS) value = value.replace(pattern, replacement);
  return value.replace(/\s+/g, ' ').trim();
}
