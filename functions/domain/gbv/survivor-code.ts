import { checkCharacter, inAlphabet, randomSymbols } from '../codes/symbol-code.ts';
import type { RandomBytes } from '../ports/random.ts';

/** A survivor code: `SV-` then 4 + 4 random symbols and a check character, e.g. `SV-7KMN-QA3CX`. */
export const SURVIVOR_CODE_PATTERN = /^SV-[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{5}$/;

/**
 * Generates the code that identifies a survivor in everything that leaves the case file. It is
 * random (never derived from a name, date or place), so it reveals nothing and cannot be rebuilt.
 */
export function generateSurvivorCode(random: RandomBytes): string {
  const body = randomSymbols(random, 8);
  return `SV-${body.slice(0, 4)}-${body.slice(4)}${checkCharacter(body)}`;
}

/** Whether a string is a well-formed survivor code (check character included). */
export function isSurvivorCode(code: string): boolean {
  if (!SURVIVOR_CODE_PATTERN.test(code)) return false;
  const symbols = code.slice(3).replace('-', '');
  return inAlphabet(symbols) && checkCharacter(symbols.slice(0, 8)) === symbols[8];
}
