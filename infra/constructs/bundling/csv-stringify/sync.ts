/**
 * Stands in for `csv-stringify/sync` in the Lambda bundles (an esbuild alias set by AppFunction;
 * the type checker, unit tests and local tools keep the real package). The reports in functions/
 * call `stringify(rows)` with rows of strings and the default options; this writes the same bytes.
 *
 * Why: the real package (options, casts, columns, streams) is ≈ 11 KB of the distribution-list
 * bundle, which is over the 128 KB budget by a few KB (issue 11).
 *
 * Options, or a cell that is not a string, throw instead of being written differently;
 * test/unit/bundling/csv-stringify.test.ts compares the bytes with the real package.
 */

/** A call the stand-in does not write (the real package would, perhaps differently). */
export class UnsupportedCsvStringifyCallError extends Error {
  override name = 'UnsupportedCsvStringifyCallError';
}

// csv-stringify's defaults: `,` between cells, `"` quotes and escapes (doubled), `\n` after every
// record; a cell is quoted when it holds a delimiter, a quote, `\n` or `\r`.
const NEEDS_QUOTES = /[",\n\r]/;

const cell = (value: string) => (NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** `stringify(records)` of csv-stringify/sync, for arrays of strings and no options. */
export function stringify(records: readonly (readonly string[])[], options?: unknown): string {
  if (options !== undefined)
    throw new UnsupportedCsvStringifyCallError('csv-stringify options are not supported in the bundles');
  let csv = '';
  for (const record of records) {
    if (!Array.isArray(record) || record.some((value) => typeof value !== 'string'))
      throw new UnsupportedCsvStringifyCallError('csv-stringify in the bundles writes rows of strings only');
    csv += `${record.map(cell).join(',')}\n`;
  }
  return csv;
}
