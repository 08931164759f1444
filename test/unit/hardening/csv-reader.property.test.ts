/**
 * The partner CSV reader and the report neutralizer under fast-check: any bytes either read or
 * are rejected with CsvFileRejectedError (never another error), and no report cell can start a
 * spreadsheet formula.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralizeCsvCell, neutralizeCsvRow } from '#domain/bulk/csv-injection.ts';
import { CsvFileRejectedError } from '#domain/bulk/decode-csv.ts';
import { readBeneficiaryCsv } from '#domain/bulk/read-beneficiary-csv.ts';

const FORMULA_START = /^[=+\-@\t\r]/;
const HEADER = 'given_name,family_name,sex,birth_year,phone,adm1,adm2,site,household_size\n';

const cell = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "=cmd|' /C calc'!A0",
    '+1+1',
    '-2+3',
    '@SUM(A1)',
    '\t=1',
    '\r=1',
    '"quoted, with comma"',
    '',
  ),
);
const csvText = fc
  .array(fc.array(cell, { minLength: 1, maxLength: 10 }), { maxLength: 20 })
  .map((rows) => HEADER + rows.map((row) => row.join(',')).join('\n'));

function readsOrRejects(bytes: Uint8Array): boolean {
  try {
    readBeneficiaryCsv(bytes);
    return true;
  } catch (error) {
    if (error instanceof CsvFileRejectedError) return true;
    throw error;
  }
}

describe('CSV reader under random files', () => {
  it('reads or rejects any bytes with its own error, nothing else', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2_000 }), readsOrRejects), { numRuns: 500 });
  });

  it('reads or rejects any CSV-shaped text, hostile cells included, in UTF-8 and with invalid UTF-8 inside', () => {
    fc.assert(
      fc.property(csvText, fc.uint8Array({ maxLength: 8 }), (text, junk) => {
        const utf8 = new TextEncoder().encode(text);
        const broken = new Uint8Array([
          ...utf8.slice(0, utf8.length >> 1),
          0xc3,
          0x28,
          ...junk,
          ...utf8.slice(utf8.length >> 1),
        ]);
        return readsOrRejects(utf8) && readsOrRejects(broken);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects an unclosed quote as a malformed file, not with the parser’s own error', () => {
    const bytes = new TextEncoder().encode(`${HEADER}"Awa,Diallo,F,1990\n`);
    expect(() => readBeneficiaryCsv(bytes)).toThrow(CsvFileRejectedError);
    try {
      readBeneficiaryCsv(bytes);
    } catch (error) {
      expect((error as CsvFileRejectedError).reason).toBe('MALFORMED');
    }
  });

  it('rejects an empty file with CsvFileRejectedError', () => {
    expect(() => readBeneficiaryCsv(new Uint8Array())).toThrow(CsvFileRejectedError);
  });
});

describe('report cells', () => {
  it('never start a formula once neutralized, unless they are a plain number, and keep the text', () => {
    fc.assert(
      fc.property(cell, (value) => {
        const out = neutralizeCsvCell(value);
        const plainNumber = /^-?\d+([.,]\d+)?$/.test(value);
        if (plainNumber) return out === value;
        return !FORMULA_START.test(out) && (out === value || out === `'${value}`);
      }),
      { numRuns: 1_000 },
    );
  });

  it('neutralizes the formula-injection payload in a row', () => {
    expect(neutralizeCsvRow(["=cmd|' /C calc'!A0", 'Awa', -3, undefined])).toEqual([
      "'=cmd|' /C calc'!A0",
      'Awa',
      '-3',
      '',
    ]);
  });
});
