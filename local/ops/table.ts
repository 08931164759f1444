/** Plain-text tables for terminals: left-aligned columns, a header rule, no colour. */

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  /** Cut longer cells to this width with an ellipsis. */
  maxWidth?: number;
}

export function formatTable<Row>(columns: Column<Row>[], rows: Row[]): string {
  const cells = rows.map((row) => columns.map((column) => clip(column.value(row), column.maxWidth)));
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((line) => line[index]!.length)),
  );
  const render = (line: string[]) =>
    line
      .map((cell, index) => cell.padEnd(widths[index]!))
      .join('  ')
      .trimEnd();
  return [
    render(columns.map((column) => column.header)),
    render(widths.map((width) => '-'.repeat(width))),
    ...cells.map(render),
  ].join('\n');
}

function clip(text: string, maxWidth: number | undefined): string {
  const flat = text.replace(/\s+/g, ' ');
  if (!maxWidth || flat.length <= maxWidth) return flat;
  return `${flat.slice(0, maxWidth - 1)}…`;
}
