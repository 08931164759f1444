import type { RandomBytes } from '../ports/random.ts';

/**
 * Crockford-style alphabet without the characters people confuse when reading a code aloud or off
 * a printed list: no 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V. 23 symbols, a prime, which the check needs.
 */
export const VOUCHER_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';

/** Random symbols in a code (before the check character); 10 symbols of 23 give about 45 bits. */
export const VOUCHER_BODY_LENGTH = 10;

/** A voucher code as printed: five symbols, a dash, five symbols and the check character. */
export const VOUCHER_PATTERN = new RegExp(`^[${VOUCHER_ALPHABET}]{5}-[${VOUCHER_ALPHABET}]{6}$`);

/**
 * Generates a voucher code: unguessable (bytes from a CSPRNG port, rejection sampling so every
 * symbol is equally likely) and with a check character that catches any single wrong symbol and
 * any swap of two adjacent symbols.
 */
export function generateVoucherCode(random: RandomBytes): string {
  const symbols: string[] = [];
  const limit = 256 - (256 % VOUCHER_ALPHABET.length); // bytes at or above would bias low symbols
  while (symbols.length < VOUCHER_BODY_LENGTH) {
    for (const byte of random.bytes(VOUCHER_BODY_LENGTH * 2)) {
      if (byte < limit && symbols.length < VOUCHER_BODY_LENGTH)
        symbols.push(VOUCHER_ALPHABET[byte % VOUCHER_ALPHABET.length]!);
    }
  }
  const body = symbols.join('');
  return `${body.slice(0, 5)}-${body.slice(5)}${checkCharacter(body)}`;
}

/**
 * Weighted sum modulo the alphabet size (a prime, 23), weights 1..n: any single substitution or
 * adjacent transposition changes the sum by a non-multiple of 23, so it is always detected.
 */
export function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * VOUCHER_ALPHABET.indexOf(body[i]!);
  return VOUCHER_ALPHABET[sum % VOUCHER_ALPHABET.length]!;
}

/**
 * Normalizes what staff type (case, spaces, missing dash) and checks the
 * check character. Returns the canonical code, or undefined when it is not a valid code.
 */
export function parseVoucherCode(input: string): string | undefined {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '');
  if (cleaned.length !== VOUCHER_BODY_LENGTH + 1) return undefined;
  if ([...cleaned].some((symbol) => !VOUCHER_ALPHABET.includes(symbol))) return undefined;
  const body = cleaned.slice(0, VOUCHER_BODY_LENGTH);
  if (checkCharacter(body) !== cleaned[VOUCHER_BODY_LENGTH]) return undefined;
  return `${body.slice(0, 5)}-${body.slice(5)}${cleaned[VOUCHER_BODY_LENGTH]}`;
}
