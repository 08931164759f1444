import {
  BENEFICIARY_COLUMNS,
  type BeneficiaryColumn,
  normalizeHeader,
  normalizeHxlTag,
} from './beneficiary-columns.ts';

/** How a file's first rows match the known column set. */
export interface HeaderRecognition {
  /** The column of each position; undefined where unrecognized. */
  columns: (BeneficiaryColumn | undefined)[];
  /** Whether the second row is an HXL tag row (then data starts on row 3). */
  hasHxlRow: boolean;
  unknownHeaders: string[];
  missingRequired: string[];
  duplicated: string[];
  /** True when every required column is present, none repeats and none is unknown. */
  known: boolean;
}

const byHeader = new Map<string, BeneficiaryColumn>();
const byHxl = new Map<string, BeneficiaryColumn>();
for (const column of BENEFICIARY_COLUMNS) {
  for (const text of [column.header, ...column.aliases]) byHeader.set(normalizeHeader(text), column);
  byHxl.set(normalizeHxlTag(column.hxl), column);
}

/** A row is an HXL tag row when every non-empty cell is a hashtag and at least one is. */
export function isHxlRow(row: readonly string[]): boolean {
  const cells = row.map((cell) => cell.trim()).filter(Boolean);
  return (
    cells.length > 0 && cells.every((cell) => /^#[a-z][a-z0-9_]*(\s*\+\s*[a-z][a-z0-9_]*)*$/i.test(cell))
  );
}

/**
 * Recognizes the header of a beneficiary list: each column by its French header, an English or
 * older alias, or its HXL tag when the file has a tag row (so a file with English headers and
 * the right tags is read too). The file is known only with every required column present, no
 * column twice and no unknown column.
 */
export function recognizeHeader(
  headerRow: readonly string[],
  secondRow?: readonly string[],
): HeaderRecognition {
  const hasHxlRow = secondRow !== undefined && isHxlRow(secondRow);
  const columns = headerRow.map((header, index) => {
    const tag = hasHxlRow ? secondRow?.[index] : undefined;
    return byHeader.get(normalizeHeader(header)) ?? (tag ? byHxl.get(normalizeHxlTag(tag)) : undefined);
  });
  const unknownHeaders = headerRow.filter((header, index) => !columns[index] && header.trim() !== '');
  const seen = new Set<string>();
  const duplicated: string[] = [];
  for (const column of columns) {
    if (!column) continue;
    if (seen.has(column.key)) duplicated.push(column.header);
    seen.add(column.key);
  }
  const missingRequired = BENEFICIARY_COLUMNS.filter((c) => c.required && !seen.has(c.key)).map(
    (c) => c.header,
  );
  return {
    columns,
    hasHxlRow,
    unknownHeaders,
    missingRequired,
    duplicated,
    known: unknownHeaders.length === 0 && missingRequired.length === 0 && duplicated.length === 0,
  };
}
