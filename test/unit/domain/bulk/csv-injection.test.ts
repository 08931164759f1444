import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralizeCsvCell, neutralizeCsvRow } from '../../../../functions/domain/bulk/csv-injection.ts';

describe('neutralizeCsvCell', () => {
  it.each(['=HYPERLINK("http://x")', '+1+cmd|calc', '-2+3', '@SUM(A1)', '\tx', '\rx'])(
    'prefixes %j with an apostrophe',
    (cell) => {
      expect(neutralizeCsvCell(cell)).toBe(`'${cell}`);
    },
  );

  it('leaves ordinary text and plain numbers alone', () => {
    for (const cell of ['Awa Diarra', 'REGISTERED', '', '42', '-3', '2,5', "l'école"])
      expect(neutralizeCsvCell(cell)).toBe(cell);
  });

  it('never leaves a cell that starts with a formula character unless it is a plain number', () => {
    fc.assert(
      fc.property(fc.string(), (cell) => {
        const out = neutralizeCsvCell(cell);
        return !/^[=+\-@\t\r]/.test(out) || /^-?\d+([.,]\d+)?$/.test(out);
      }),
    );
  });

  it('neutralizes whole rows and prints numbers and missing cells', () => {
    expect(neutralizeCsvRow([3, '=1+1', undefined, 'INVALID'])).toEqual(['3', "'=1+1", '', 'INVALID']);
  });
});
