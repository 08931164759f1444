import {
  type CsvEncoding,
  CsvFileRejectedError,
  decodeCsvBytes,
  detectDelimiter,
  parseCsvRows,
} from './decode-csv.ts';
import { type HeaderRecognition, recognizeHeader } from './recognize-header.ts';

/** One data row, keyed by column key, with its line number in the file (header is row 1). */
export interface BeneficiaryRow {
  rowNumber: number;
  values: Record<string, string>;
}

/** A decoded file whose header was recognized (check `header.known` before using the rows). */
export interface BeneficiaryFile {
  encoding: CsvEncoding;
  delimiter: ',' | ';';
  header: HeaderRecognition;
  rows: BeneficiaryRow[];
}

/**
 * Reads a partner beneficiary list: decodes, finds the delimiter, recognizes the header and the
 * optional HXL row, and keys each data row by column. Throws {@link CsvFileRejectedError} for an
 * empty or binary file; an unknown header is reported in `header` for the caller's report.
 */
export function readBeneficiaryCsv(bytes: Uint8Array): BeneficiaryFile {
  const { text, encoding } = decodeCsvBytes(bytes);
  const delimiter = detectDelimiter(text);
  const table = parseCsvRows(text, delimiter);
  const [headerRow = [], secondRow] = table;
  const header = recognizeHeader(headerRow, secondRow);
  const firstDataIndex = header.hasHxlRow ? 2 : 1;
  const rows = table.slice(firstDataIndex).map((cells, index) => {
    const values: Record<string, string> = {};
    header.columns.forEach((column, position) => {
      if (column) values[column.key] = cells[position] ?? '';
    });
    return { rowNumber: firstDataIndex + index + 1, values };
  });
  if (header.known && rows.length === 0) throw new CsvFileRejectedError('NO_DATA_ROWS');
  return { encoding, delimiter, header, rows };
}
