import { stringify } from 'csv-stringify/sync';
import { neutralizeCsvRow } from '#domain/bulk/csv-injection.ts';
import type { RowRecord, UploadRecord } from '../adapters/uploads/records.ts';
import { rejectionMessages } from './rejections.ts';

/** Columns of `<file>.results.csv`, bilingual so one file serves French and English readers. */
export const REPORT_HEADER = [
  'ligne / row',
  'statut / status',
  'ménage / household id',
  'champs / fields',
  'raisons (fr)',
  'reasons (en)',
];

/** A row the Map could not process (its batch failed beyond retries): listed so no row goes unseen. */
export const NOT_PROCESSED = 'NOT_PROCESSED';

export interface ReportCounts {
  rowsTotal: number;
  registered: number;
  duplicate: number;
  invalid: number;
  notProcessed: number;
}

/**
 * The results report: one line per data row, in file order, with its outcome, the household id and
 * the field-level reasons; a rejected file gets one line saying why. Every cell is neutralized
 * against formula injection, since partners open it in a spreadsheet.
 */
export function resultsReport(
  upload: UploadRecord,
  rows: readonly RowRecord[],
): { csv: string; counts: ReportCounts } {
  const lines: string[][] = [REPORT_HEADER];
  const counts: ReportCounts = {
    rowsTotal: upload.rowsTotal ?? 0,
    registered: 0,
    duplicate: 0,
    invalid: 0,
    notProcessed: 0,
  };
  if (upload.rejection) {
    const messages = rejectionMessages(upload.rejection);
    lines.push(neutralizeCsvRow(['', 'REJECTED', '', '', messages.fr, messages.en]));
    return { csv: stringify(lines), counts };
  }
  const byNumber = new Map(rows.map((row) => [row.rowNumber, row]));
  const first = upload.firstRow ?? 2;
  for (let rowNumber = first; rowNumber < first + counts.rowsTotal; rowNumber++) {
    const row = byNumber.get(rowNumber);
    if (!row) {
      counts.notProcessed++;
      lines.push(
        neutralizeCsvRow([rowNumber, NOT_PROCESSED, '', '', 'Ligne non traitée.', 'Row not processed.']),
      );
      continue;
    }
    counts[
      row.status === 'REGISTERED' ? 'registered' : row.status === 'DUPLICATE' ? 'duplicate' : 'invalid'
    ]++;
    const reasons = row.reasons ?? [];
    lines.push(
      neutralizeCsvRow([
        rowNumber,
        row.status,
        row.householdId,
        reasons.map((reason) => reason.field).join(' | '),
        reasons.map((reason) => `${reason.field} : ${reason.fr}`).join(' | '),
        reasons.map((reason) => `${reason.field}: ${reason.en}`).join(' | '),
      ]),
    );
  }
  return { csv: stringify(lines), counts };
}
