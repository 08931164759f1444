import { parse } from 'csv-parse/sync';
import { DomainError } from '../errors/domain-error.ts';

/** Why a whole file is refused before any row is read. */
export type CsvRejection = 'EMPTY' | 'NOT_TEXT' | 'NO_DATA_ROWS' | 'MALFORMED';

/** A file that is not a readable CSV; nothing from it is registered. */
export class CsvFileRejectedError extends DomainError {
  constructor(
    readonly reason: CsvRejection,
    options: { cause?: unknown } = {},
  ) {
    super({
      status: 422,
      code: `CSV_${reason}`,
      message: REJECTION_MESSAGES[reason],
      params: { reason },
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
    this.name = 'CsvFileRejectedError';
  }
}

const REJECTION_MESSAGES: Record<CsvRejection, { fr: string; en: string }> = {
  EMPTY: { fr: 'Le fichier est vide.', en: 'The file is empty.' },
  NOT_TEXT: {
    fr: "Le fichier n'est pas un fichier CSV (contenu binaire).",
    en: 'The file is not a CSV file (binary content).',
  },
  NO_DATA_ROWS: { fr: "Le fichier n'a aucune ligne de données.", en: 'The file has no data rows.' },
  MALFORMED: {
    fr: 'Le fichier CSV est mal formé (guillemet non fermé ou caractère invalide).',
    en: 'The CSV file is malformed (unclosed quote or invalid character).',
  },
};

export type CsvEncoding = 'utf-8' | 'windows-1252';

/**
 * Decodes a partner file: UTF-8 (with or without BOM) when it is valid UTF-8, otherwise Latin-1 as
 * Excel writes it in French locales (windows-1252, a superset of ISO-8859-1 for printable text).
 * NUL bytes or control characters mean a binary file.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes.length === 0) throw new CsvFileRejectedError('EMPTY');
  if (bytes.includes(0)) throw new CsvFileRejectedError('NOT_TEXT');
  let text: string;
  let encoding: CsvEncoding = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
    encoding = 'windows-1252';
  }
  text = text.replace(/^\uFEFF/, '');
  // Control characters other than tab, CR, LF (and form feed some exporters leave) mean binary.
  if (hasBinaryControlCharacter(text)) throw new CsvFileRejectedError('NOT_TEXT');
  if (text.trim() === '') throw new CsvFileRejectedError('EMPTY');
  return { text, encoding };
}

function hasBinaryControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0x7f)
      return true;
  }
  return false;
}

/** Comma or semicolon: whichever occurs more often outside quotes in the first line. */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Parses CSV text into rows of trimmed cells; blank lines are skipped. */
export function parseCsvRows(text: string, delimiter: ',' | ';'): string[][] {
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as string[][];
  } catch (error) {
    // csv-parse throws its own errors (an unclosed quote, a quote inside a bare field): the file
    // is refused like any unreadable one, never as an unexpected failure.
    throw new CsvFileRejectedError('MALFORMED', { cause: error });
  }
}
