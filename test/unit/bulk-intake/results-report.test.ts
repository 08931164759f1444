import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { UploadRecord } from '../../../functions/adapters/uploads/records.ts';
import { REPORT_HEADER, resultsReport } from '../../../functions/bulk-intake/results-report.ts';

const upload: UploadRecord = {
  uploadId: 'U1',
  partnerId: 'FeDe',
  fileName: 'liste.csv',
  objectKey: 'uploads/FeDe/U1/liste.csv',
  status: 'PROCESSING',
  createdAt: 'a',
  updatedAt: 'a',
  rowsTotal: 4,
  firstRow: 3,
};

describe('resultsReport', () => {
  it('lists every row in file order with status, household id and reasons in both languages', () => {
    const { csv, counts } = resultsReport(upload, [
      {
        rowNumber: 5,
        status: 'INVALID',
        reasons: [{ field: 'displacement', fr: 'Option invalide', en: 'Invalid option' }],
      },
      { rowNumber: 3, status: 'REGISTERED', householdId: 'HH1' },
      { rowNumber: 4, status: 'DUPLICATE', householdId: 'HH0' },
    ]);
    const [header, ...lines] = parse(csv) as string[][];
    expect(header).toEqual(REPORT_HEADER);
    expect(lines).toEqual([
      ['3', 'REGISTERED', 'HH1', '', '', ''],
      ['4', 'DUPLICATE', 'HH0', '', '', ''],
      ['5', 'INVALID', '', 'displacement', 'displacement : Option invalide', 'displacement: Invalid option'],
      ['6', 'NOT_PROCESSED', '', '', 'Ligne non traitée.', 'Row not processed.'],
    ]);
    expect(counts).toEqual({ rowsTotal: 4, registered: 1, duplicate: 1, invalid: 1, notProcessed: 1 });
  });

  it('neutralizes cells a spreadsheet would run as formulas', () => {
    const { csv } = resultsReport({ ...upload, rowsTotal: 1 }, [
      { rowNumber: 3, status: 'INVALID', reasons: [{ field: '=HYPERLINK("x")', fr: '+1', en: '@cmd' }] },
    ]);
    const [, line] = parse(csv) as string[][];
    expect(line?.slice(3)).toEqual([`'=HYPERLINK("x")`, `'=HYPERLINK("x") : +1`, `'=HYPERLINK("x"): @cmd`]);
  });

  it('gives a rejected file one line that says why', () => {
    const { csv } = resultsReport({ ...upload, rowsTotal: undefined, rejection: { code: 'FILE_EMPTY' } }, []);
    const [, ...lines] = parse(csv) as string[][];
    expect(lines).toEqual([['', 'REJECTED', '', '', 'Le fichier est vide.', 'The file is empty.']]);
  });
});
