import type { RandomBytes } from '../ports/random.ts';

/**
 * Alphabet of printed codes, without the characters people confuse when reading a code aloud or
 * off paper: no 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V. 23 symbols, a prime, which the check needs.
 */
export const CODE_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';

/** `count` uniformly random symbols (rejection sampling, so no symbol is more likely). */
export function randomSymbols(random: RandomBytes, count: number): string {
  const symbols: string[] = [];
  const limit = 256 - (256 % CODE_ALPHABET.length); // bytes at or above would bias low symbols
  while (symbols.length < count) {
    for (const byte of random.bytes(count * 2)) {
      if (byte < limit && symbols.length < count) symbols.push(CODE_ALPHABET[byte % CODE_ALPHABET.length]!);
    }
  }
  return symbols.join('');
}

/**
 * Weighted sum modulo the alphabet size (a prime, 23), weights 1..n (n < 23): any single
 * substitution or adjacent transposition changes the sum by a non-multiple of 23, so it is caught.
 */
export function checkCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * CODE_ALPHABET.indexOf(body[i]!);
  return CODE_ALPHABET[sum % CODE_ALPHABET.length]!;
}

/** Whether every character is in the alphabet. */
export const inAlphabet = (text: string): boolean =>
  [...text].every((symbol) => CODE_ALPHABET.includes(symbol));
