import { CODE_ALPHABET, checkCharacter, inAlphabet, randomSymbols } from '../codes/symbol-code.ts';
import type { RandomBytes } from '../ports/random.ts';

/** Alphabet of voucher codes (no ambiguous characters). */
export const VOUCHER_ALPHABET = CODE_ALPHABET;

/** Random symbols in a code (before the check character): 23^10 ≈ 2^45. */
export const VOUCHER_BODY_LENGTH = 10;

/** A voucher code as printed: five symbols, a dash, five symbols and the check character. */
export const VOUCHER_PATTERN = new RegExp(`^[${VOUCHER_ALPHABET}]{5}-[${VOUCHER_ALPHABET}]{6}$`);

/**
 * Generates a voucher code: unguessable (bytes from a CSPRNG port) and with a check character that
 * catches any single wrong symbol and any swap of two adjacent symbols.
 */
export function generateVoucherCode(random: RandomBytes): string {
  const body = randomSymbols(random, VOUCHER_BODY_LENGTH);
  return `${body.slice(0, 5)}-${body.slice(5)}${checkCharacter(body)}`;
}

export { checkCharacter };

/**
 * Normalizes what staff type (case, spaces, missing dash) and checks the check character. Returns
 * the canonical code, or undefined when it is not a valid code.
 */
export function parseVoucherCode(input: string): string | undefined {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '');
  if (cleaned.length !== VOUCHER_BODY_LENGTH + 1 || !inAlphabet(cleaned)) return undefined;
  const body = cleaned.slice(0, VOUCHER_BODY_LENGTH);
  if (checkCharacter(body) !== cleaned[VOUCHER_BODY_LENGTH]) return undefined;
  return `${body.slice(0, 5)}-${body.slice(5)}${cleaned[VOUCHER_BODY_LENGTH]}`;
}
