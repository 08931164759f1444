/**
 * Neutralizes a cell written into a CSV report that people open in a spreadsheet: a cell starting
 * with `=`, `+`, `-`, `@`, tab or carriage return could run as a formula (OWASP CSV injection), so
 * it is prefixed with an apostrophe, which spreadsheets show as text. Plain numbers (e.g. -3)
 * are left as they are, since a number cannot be a formula.
 */
export function neutralizeCsvCell(value: string): string {
  if (/^-?\d+([.,]\d+)?$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Neutralizes every cell of a report row. */
export function neutralizeCsvRow(cells: readonly (string | number | undefined)[]): string[] {
  return cells.map((cell) => (cell === undefined ? '' : neutralizeCsvCell(String(cell))));
}
