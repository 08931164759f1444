import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BENEFICIARY_COLUMNS } from '../../../../functions/domain/bulk/beneficiary-columns.ts';
import { CsvFileRejectedError, detectDelimiter } from '../../../../functions/domain/bulk/decode-csv.ts';
import { mapCsvRow } from '../../../../functions/domain/bulk/map-csv-row.ts';
import { readBeneficiaryCsv } from '../../../../functions/domain/bulk/read-beneficiary-csv.ts';
import { recognizeHeader } from '../../../../functions/domain/bulk/recognize-header.ts';
import { householdCommandSchema } from '../../../../functions/schemas/household.ts';

const template = readFileSync(
  new URL('../../../../config/templates/beneficiary-list-template.csv', import.meta.url),
  'utf8',
);
const [headerLine = '', hxlLine = ''] = template.split('\n');
const row = [
  'Awa',
  'Diarra',
  'Femme',
  '1985',
  '',
  'ML05',
  'ML0506',
  '',
  'SITE-SEVARE-01',
  '5',
  '1',
  '1',
  '0',
  '0',
  '2',
  'PDI',
  '7',
  '1',
  '0',
  '2',
  '0',
  '0',
  '5',
  '3',
  '',
  '3',
  'oui',
];
const utf8 = (text: string) => new TextEncoder().encode(text);
/** Encodes text as Latin-1 bytes (every character here is below U+0100). */
const latin1 = (text: string) => Uint8Array.from([...text].map((char) => char.charCodeAt(0)));

describe('beneficiary list template', () => {
  it('has the French headers and the HXL row of every column, and nothing else', () => {
    expect(headerLine.split(',')).toEqual(BENEFICIARY_COLUMNS.map((column) => column.header));
    expect(hxlLine.split(',')).toEqual(BENEFICIARY_COLUMNS.map((column) => column.hxl));
    expect(template.trim().split('\n')).toHaveLength(2);
  });
});

describe('recognizeHeader', () => {
  const headers = headerLine.split(',');

  it('knows the template header, with or without the HXL row', () => {
    expect(recognizeHeader(headers, hxlLine.split(','))).toMatchObject({ known: true, hasHxlRow: true });
    expect(recognizeHeader(headers, row)).toMatchObject({ known: true, hasHxlRow: false });
  });

  it('ignores case, accents and spacing in headers, and accepts English aliases', () => {
    const loose = headers.map(
      (header) => ` ${header.toUpperCase().normalize('NFKD').replace(/\p{M}/gu, '')} `,
    );
    expect(recognizeHeader(loose).known).toBe(true);
    const english = BENEFICIARY_COLUMNS.map((column) => column.aliases[0] ?? column.header);
    expect(recognizeHeader(english).known).toBe(true);
  });

  it('recognizes columns by HXL tag (attributes in any order) when the header text is unfamiliar', () => {
    const strange = headers.map((_, index) => `Colonne ${index}`);
    const tags = hxlLine.split(',').map((tag) => {
      const [hashtag, ...attributes] = tag.split('+');
      return [hashtag, ...attributes.reverse()].join('+');
    });
    expect(recognizeHeader(strange, tags).known).toBe(true);
  });

  it('reports unknown, missing and repeated columns', () => {
    const result = recognizeHeader([
      ...headers.filter((h) => h !== 'Site de distribution'),
      'Ethnie',
      'Téléphone',
    ]);
    expect(result).toMatchObject({
      known: false,
      unknownHeaders: ['Ethnie'],
      missingRequired: ['Site de distribution'],
      duplicated: ['Téléphone'],
    });
  });

  it('accepts a file with only the required columns', () => {
    const required = BENEFICIARY_COLUMNS.filter((column) => column.required).map((column) => column.header);
    expect(recognizeHeader(required).known).toBe(true);
  });
});

describe('readBeneficiaryCsv', () => {
  it('reads a UTF-8 comma file with HXL row; data rows are numbered from 3', () => {
    const file = readBeneficiaryCsv(utf8(`${template}${row.join(',')}\n${row.join(',')}\n`));
    expect(file).toMatchObject({
      encoding: 'utf-8',
      delimiter: ',',
      header: { known: true, hasHxlRow: true },
    });
    expect(file.rows.map((r) => r.rowNumber)).toEqual([3, 4]);
    expect(file.rows[0]?.values['familyName']).toBe('Diarra');
  });

  it('reads a Latin-1 semicolon file without HXL row (as Excel saves it in French), with a BOM-less header', () => {
    const text = `${headerLine.split(',').join(';')}\r\n${row.join(';').replace('Awa', 'Aïssata')}\r\n`;
    const file = readBeneficiaryCsv(latin1(text));
    expect(file).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      header: { known: true, hasHxlRow: false },
    });
    expect(file.rows[0]).toMatchObject({ rowNumber: 2, values: { givenName: 'Aïssata', adm2: 'ML0506' } });
  });

  it('strips a UTF-8 BOM and handles quoted cells containing the delimiter', () => {
    const quoted = [...row];
    quoted[0] = '"Awa, dite Mama"';
    const file = readBeneficiaryCsv(utf8(`\uFEFF${headerLine}\n${quoted.join(',')}\n`));
    expect(file.header.known).toBe(true);
    expect(file.rows[0]?.values['givenName']).toBe('Awa, dite Mama');
  });

  it('rejects empty, binary and header-only files', () => {
    const reason = (bytes: Uint8Array) => {
      try {
        readBeneficiaryCsv(bytes);
        return 'accepted';
      } catch (error) {
        return error instanceof CsvFileRejectedError ? error.reason : 'other';
      }
    };
    expect(reason(new Uint8Array())).toBe('EMPTY');
    expect(reason(utf8('  \n\n'))).toBe('EMPTY');
    expect(reason(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]))).toBe('NOT_TEXT');
    expect(reason(utf8(template))).toBe('NO_DATA_ROWS');
  });

  it('returns an unknown header for the caller to report, without failing', () => {
    const file = readBeneficiaryCsv(utf8('nom,age\nAwa,30\n'));
    expect(file.header.known).toBe(false);
    expect(file.header.unknownHeaders).toEqual(['age']);
  });

  it('detects the delimiter from the first line only, ignoring quoted text', () => {
    expect(detectDelimiter('a;b;c\n1,2,3,4,5')).toBe(';');
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
  });
});

describe('mapCsvRow', () => {
  const valuesOf = (cells: string[]) =>
    readBeneficiaryCsv(utf8(`${template}${cells.join(',')}\n`)).rows[0]!.values;

  it('maps a row to a valid household command, translating partner words to codes', () => {
    expect(householdCommandSchema.parse(mapCsvRow(valuesOf(row)))).toEqual({
      headOfHousehold: { givenName: 'Awa', familyName: 'Diarra', sex: 'F', birthYear: 1985 },
      location: { adm1: 'ML05', adm2: 'ML0506', site: 'SITE-SEVARE-01' },
      members: {
        total: 5,
        childrenUnder5: 1,
        pregnantOrLactating: 1,
        elderly: 0,
        withDisability: 0,
        womenAndGirls12to49: 2,
      },
      displacement: 'IDP',
      foodSecurity: {
        fcs: { staples: 7, pulses: 1, meatFish: 0, vegetables: 2, fruit: 0, dairy: 0, oil: 5, sugar: 3 },
        hhs: 3,
      },
      consent: { dataProcessing: true },
    });
  });

  it.each([
    ['Homme', 'M'],
    ['male', 'M'],
    ['F', 'F'],
    ['féminin', 'F'],
  ])('reads sex %s as %s', (written, code) => {
    const cells = [...row];
    cells[2] = written;
    expect((mapCsvRow(valuesOf(cells)).headOfHousehold as { sex: string }).sex).toBe(code);
  });

  it.each([
    ['Retourné', 'RETURNEE'],
    ['réfugié', 'REFUGEE'],
    ['Communauté hôte', 'HOST'],
    ['IDP', 'IDP'],
  ])('reads displacement %s as %s', (written, code) => {
    const cells = [...row];
    cells[15] = written;
    expect(mapCsvRow(valuesOf(cells)).displacement).toBe(code);
  });

  it('leaves out empty indicator blocks, and passes a partial FCS block on for the schema to name the gaps', () => {
    const cells = [...row];
    for (let i = 16; i <= 25; i++) cells[i] = '';
    expect(mapCsvRow(valuesOf(cells)).foodSecurity).toEqual({});
    cells[16] = '7';
    const result = householdCommandSchema.safeParse(mapCsvRow(valuesOf(cells)));
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('foodSecurity.fcs.pulses');
  });

  it('refuses a row without consent and keeps unreadable numbers for the schema to report', () => {
    const cells = [...row];
    cells[26] = 'non';
    cells[3] = 'environ 1985';
    const result = householdCommandSchema.safeParse(mapCsvRow(valuesOf(cells)));
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'consent.dataProcessing',
      'headOfHousehold.birthYear',
    ]);
  });
});
