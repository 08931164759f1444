import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCharacter,
  generateVoucherCode,
  parseVoucherCode,
  VOUCHER_ALPHABET,
  VOUCHER_PATTERN,
} from '../../../../functions/domain/kits/voucher-code.ts';
import {
  parseVoucherQrPayload,
  voucherQrPayload,
} from '../../../../functions/domain/kits/voucher-qr-payload.ts';
import { cryptoRandom, type RandomBytes } from '../../../../functions/domain/ports/random.ts';

/** A random port that replays given bytes, cycling. */
const replay = (bytes: number[]): RandomBytes => {
  let i = 0;
  return { bytes: (size) => Uint8Array.from({ length: size }, () => bytes[i++ % bytes.length]!) };
};

describe('generateVoucherCode', () => {
  it('prints 5 symbols, a dash and 6 symbols with no ambiguous character', () => {
    const code = generateVoucherCode(cryptoRandom);
    expect(code).toMatch(VOUCHER_PATTERN);
    expect(code).not.toMatch(/[01258ILOSZBUV]/);
  });

  it('is deterministic for given bytes and ends with its check character', () => {
    const code = generateVoucherCode(replay([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(code).toBe(`34679-ACDEF${checkCharacter('34679ACDEF')}`);
  });

  it('skips bytes that would bias the alphabet (rejection sampling)', () => {
    // 253 and above are rejected for a 23-symbol alphabet (253 = 11 × 23).
    const code = generateVoucherCode(replay([255, 254, 253, 0]));
    expect(code.slice(0, 11).replace('-', '')).toBe(VOUCHER_ALPHABET[0]!.repeat(10));
  });

  it('does not repeat across 10,000 draws from the CSPRNG', () => {
    const codes = new Set(Array.from({ length: 10_000 }, () => generateVoucherCode(cryptoRandom)));
    expect(codes.size).toBe(10_000);
  });
});

describe('parseVoucherCode', () => {
  it('accepts what staff type: lower case, spaces, no dash', () => {
    const code = generateVoucherCode(cryptoRandom);
    expect(parseVoucherCode(code.toLowerCase().replace('-', ' '))).toBe(code);
  });

  it('catches every single-symbol error and every adjacent swap', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 40, maxLength: 40 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: VOUCHER_ALPHABET.length - 1 }),
        (bytes, position, shift) => {
          const code = generateVoucherCode(replay([...bytes].map((b) => b % 23)));
          const symbols = code.replace('-', '').split('');
          const typo = [...symbols];
          typo[position] =
            VOUCHER_ALPHABET[(VOUCHER_ALPHABET.indexOf(typo[position]!) + shift) % VOUCHER_ALPHABET.length]!;
          const swapped = [...symbols];
          const k = Math.min(position, 9);
          [swapped[k], swapped[k + 1]] = [swapped[k + 1]!, swapped[k]!];
          const swapChanged = swapped.join('') !== symbols.join('');
          return (
            parseVoucherCode(typo.join('')) === undefined &&
            (!swapChanged || parseVoucherCode(swapped.join('')) === undefined)
          );
        },
      ),
    );
  });

  it('refuses wrong lengths and characters outside the alphabet', () => {
    expect(parseVoucherCode('ACD')).toBeUndefined();
    expect(parseVoucherCode('OOOOO-OOOOOO')).toBeUndefined();
  });
});

describe('voucher QR payload', () => {
  it('carries the allocation id and the code, and reads back', () => {
    const code = generateVoucherCode(cryptoRandom);
    const payload = voucherQrPayload('01JALLOC', code);
    expect(payload).toBe(`MAV1|01JALLOC|${code}`);
    expect(parseVoucherQrPayload(payload)).toEqual({ allocationId: '01JALLOC', voucherCode: code });
  });

  it('refuses foreign payloads and damaged codes', () => {
    expect(parseVoucherQrPayload('https://example.org')).toBeUndefined();
    expect(parseVoucherQrPayload('MAV1|A|34679-ACDEFX|extra')).toBeUndefined();
    const code = generateVoucherCode(cryptoRandom);
    const last = code.at(-1)!;
    const damaged =
      code.slice(0, -1) + VOUCHER_ALPHABET[(VOUCHER_ALPHABET.indexOf(last) + 1) % VOUCHER_ALPHABET.length];
    expect(parseVoucherQrPayload(voucherQrPayload('A', damaged))).toBeUndefined();
  });
});
