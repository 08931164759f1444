import { DomainError } from '../errors/domain-error.ts';
import type { AdminLevel, PcodeEntry, PcodeLookup } from '../ports/pcode-lookup.ts';

/** Raised when a P-code table file cannot be read as expected. */
export class PcodeTableFormatError extends DomainError {
  constructor(readonly column: string) {
    super({
      status: 500,
      code: 'PCODE_TABLE_INVALID',
      message: {
        fr: `Table des P-codes invalide : colonne ${column} absente`,
        en: `Invalid P-code table: missing column ${column}`,
      },
      params: { column },
    });
    this.name = 'PcodeTableFormatError';
  }
}

const REQUIRED_COLUMNS = ['admin0_pcode', 'admin1_pcode', 'admin2_pcode'] as const;

/**
 * Parses the P-code CSV (header row, optional HXL tag row, then one row per cercle) into entries
 * for every level, 2019 codes and 2023-split regions alike. Names carry no commas in the seed, so
 * a plain split suffices; quoted cells are still unwrapped.
 */
export function parsePcodeCsv(text: string): PcodeEntry[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const header = splitRow(lines[0] ?? '');
  for (const column of REQUIRED_COLUMNS) {
    if (!header.includes(column)) throw new PcodeTableFormatError(column);
  }
  const at = (row: string[], column: string) => row[header.indexOf(column)]?.trim() ?? '';
  const entries = new Map<string, PcodeEntry>();
  const add = (code: string, name: string, level: AdminLevel, parent?: string) => {
    if (!code) return;
    const existing = entries.get(code);
    const parents = new Set(existing?.parents ?? []);
    if (parent) parents.add(parent);
    entries.set(code, { code, name: existing?.name ?? name, level, parents: [...parents] });
  };
  for (const line of lines.slice(1)) {
    const row = splitRow(line);
    if (row[0]?.startsWith('#')) continue; // HXL tag row
    const country = at(row, 'admin0_pcode');
    add(country, at(row, 'admin0_name'), 0);
    add(at(row, 'admin1_pcode'), at(row, 'admin1_name'), 1, country);
    add(at(row, 'admin2_pcode'), at(row, 'admin2_name'), 2, at(row, 'admin1_pcode'));
    const newRegion = at(row, 'admin1_new_pcode_2023_split');
    if (newRegion) {
      add(newRegion, at(row, 'admin1_new_name_2023_split'), 1, country);
      add(at(row, 'admin2_pcode'), at(row, 'admin2_name'), 2, newRegion);
    }
    const commune = at(row, 'admin3_pcode');
    if (commune) add(commune, at(row, 'admin3_name'), 3, at(row, 'admin2_pcode'));
  }
  return [...entries.values()];
}

function splitRow(line: string): string[] {
  return line.split(',').map((cell) => cell.replace(/^"(.*)"$/, '$1'));
}

/** An in-memory lookup over parsed entries; codes are matched case-insensitively, trimmed. */
export function pcodeLookupFrom(entries: readonly PcodeEntry[]): PcodeLookup {
  const byCode = new Map(entries.map((entry) => [entry.code.toUpperCase(), entry]));
  const parents = new Set(entries.flatMap((entry) => entry.parents.map((parent) => parent.toUpperCase())));
  return {
    find: (code) => byCode.get(code.trim().toUpperCase()),
    hasChildren: (code) => parents.has(code.trim().toUpperCase()),
  };
}
