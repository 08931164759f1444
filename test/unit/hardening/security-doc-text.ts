import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SECURITY_DOC = fileURLToPath(new URL('../../../docs/SECURITY.md', import.meta.url));
const START = '<!-- matrix:start -->';
const END = '<!-- matrix:end -->';

/** The matrix table as docs/SECURITY.md holds it, between its two markers. */
export function documentedMatrix(text = readFileSync(SECURITY_DOC, 'utf8')): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error('docs/SECURITY.md lost its matrix markers');
  return text.slice(start + START.length, end).trim();
}

/**
 * A Markdown table as rows of trimmed cells, so the comparison ignores the column padding the
 * formatter adds; the separator row is dropped for the same reason.
 */
export function tableCells(table: string): string[][] {
  return table
    .split('\n')
    .map((line) =>
      line
        .trim()
        .replace(/^\|/, '')
        .replace(/\|$/, '')
        .split('|')
        .map((cell) => cell.trim()),
    )
    .filter((cells) => !cells.every((cell) => /^-+$/.test(cell)));
}

/** The document with the given table between the markers (used to regenerate it). */
export function withMatrix(text: string, table: string): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  return `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`;
}
