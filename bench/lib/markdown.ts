/** A table as the report shows it: header cells, then rows of cells. */
export interface Table {
  title: string;
  headers: string[];
  rows: (string | number | null)[][];
  /** Lines printed under the table (method, caveats). */
  notes?: string[];
}

const cell = (value: string | number | null): string =>
  value === null ? '–' : String(value).replaceAll('|', '\\|').replaceAll('\n', ' ');

/** Renders a GitHub-flavoured Markdown table; numeric columns are right-aligned. */
export function renderTable(table: Table): string {
  const numeric = table.headers.map(
    (_, column) =>
      table.rows.length > 0 &&
      table.rows.every((row) => row[column] === null || typeof row[column] === 'number'),
  );
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(table.headers.map(cell)),
    line(numeric.map((right) => (right ? '---:' : '---'))),
    ...table.rows.map((row) => line(table.headers.map((_, column) => cell(row[column] ?? null)))),
  ].join('\n');
}

/** A titled section: the table, then its notes as a list. */
export function renderSection(table: Table): string {
  const notes = (table.notes ?? []).map((note) => `- ${note}`);
  return [`### ${table.title}`, '', renderTable(table), ...(notes.length ? ['', ...notes] : [])].join('\n');
}

/** Formats a byte count as KB with one decimal (1 KB = 1024 bytes). */
export const kilobytes = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;
