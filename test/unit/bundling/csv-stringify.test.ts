/**
 * The CSV writer that the Lambda bundles carry instead of `csv-stringify/sync`
 * (infra/constructs/bundling/csv-stringify) against the real package: the same bytes for rows of
 * strings (what the reports in functions/ write, every cell through neutralizeCsvRow), and a throw
 * for any call it does not write.
 */
import { stringify as realStringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralizeCsvRow } from '#domain/bulk/csv-injection.ts';
import {
  stringify as standInStringify,
  UnsupportedCsvStringifyCallError,
} from '../../../infra/constructs/bundling/csv-stringify/sync.ts';

// Characters csv-stringify treats specially, and ones it must leave alone.
const tricky = fc.constantFrom(
  ',',
  '"',
  '\n',
  '\r',
  '\r\n',
  ' ',
  "'",
  '=',
  '-',
  '@',
  '\t',
  ';',
  '|',
  'é',
  '😀',
  'x',
  '0',
);
const cellText = fc.oneof(
  fc.string(),
  fc.array(tricky).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme' }),
);
const rows = fc.array(fc.array(cellText, { maxLength: 8 }), { maxLength: 12 });

describe('bundle stand-in for csv-stringify/sync', () => {
  it('writes the same bytes as the real package for rows of strings', () => {
    fc.assert(
      fc.property(rows, (records) => {
        expect(standInStringify(records)).toBe(realStringify(records));
      }),
      { numRuns: 500 },
    );
  });

  it('writes the same bytes for report-shaped rows (neutralized cells, numbers as text)', () => {
    const records = [
      ['allocationId', 'householdId', 'headOfHousehold', 'status', 'voucherCode', 'kits', 'signature'],
      neutralizeCsvRow(['01A', '01H', '=HYPERLINK("x")', 'ISSUED', '', 'FOOD x2; NFI x1', '']),
      neutralizeCsvRow([12, 'INVALID', '', 'phone | size', 'phone : "invalide", format', 'size: bad\nline']),
      neutralizeCsvRow(['', 'REJECTED', '', '', 'Fichier refusé.', 'File rejected.']),
      [],
      [''],
    ];
    expect(standInStringify(records)).toBe(realStringify(records));
    expect(standInStringify([])).toBe(realStringify([]));
  });

  it('throws on options or non-string cells rather than writing them differently', () => {
    expect(() => standInStringify([['a']], { header: true })).toThrow(UnsupportedCsvStringifyCallError);
    expect(() => standInStringify([[1 as unknown as string]])).toThrow(UnsupportedCsvStringifyCallError);
    expect(() => standInStringify([{ a: 'b' } as unknown as string[]])).toThrow(
      UnsupportedCsvStringifyCallError,
    );
  });
});
