import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  INTAKE_CHOICES,
  INTAKE_FORM_SETTINGS,
  INTAKE_SURVEY,
  koboKeys,
} from '../../../../functions/domain/kobo/intake-form.ts';
import { householdCommandSchema } from '../../../../functions/schemas/household.ts';

const META_TYPES = new Set(['start', 'end', 'today', 'deviceid']);
const questions = INTAKE_SURVEY.filter(
  (row) => !['begin_group', 'end_group'].includes(row.type) && !META_TYPES.has(row.type),
);

/** Leaf paths of an object schema ("headOfHousehold.givenName", "foodSecurity.rcsi"…). */
function leafPaths(schema: z.ZodType, prefix = ''): string[] {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodPipe) {
    inner = inner instanceof z.ZodOptional ? (inner.unwrap() as z.ZodType) : (inner.in as z.ZodType);
  }
  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape).flatMap(([key, child]) =>
      leafPaths(child as z.ZodType, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [prefix];
}

async function readWorkbook() {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(new URL('../../../../forms/household-intake.xlsx', import.meta.url).pathname);
  const rows = (name: string) => {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) throw new Error(`missing sheet ${name}`);
    const values: string[][] = [];
    sheet.eachRow((row) => {
      values.push(
        (row.values as unknown[])
          .slice(1)
          .map((cell) => (cell === null || cell === undefined ? '' : String(cell))),
      );
    });
    return values;
  };
  return { survey: rows('survey'), choices: rows('choices'), settings: rows('settings') };
}

describe('intake form definition', () => {
  it('maps every question to a command field, and every command field has a question', () => {
    const commandFields = leafPaths(householdCommandSchema);
    const mapped = new Set(questions.map((row) => row.maps));
    for (const row of questions) expect(row.maps, row.name).toBeDefined();
    for (const field of commandFields) expect(mapped.has(field), field).toBe(true);
    // Besides the leaves, only the module selector maps (to the foodSecurity object itself).
    expect([...mapped].filter((path) => !commandFields.includes(path!))).toEqual(['foodSecurity']);
  });

  it('has unique names, balanced groups and references only to existing questions and lists', () => {
    const names = questions.map((row) => row.name);
    // ${name} references resolve across the whole form, groups included: every name is unique.
    const allNames = INTAKE_SURVEY.filter((row) => row.type !== 'end_group').map((row) => row.name);
    expect(new Set(allNames).size).toBe(allNames.length);
    let depth = 0;
    for (const row of INTAKE_SURVEY) {
      if (row.type === 'begin_group') depth++;
      if (row.type === 'end_group') depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    const lists = new Set(INTAKE_CHOICES.map((choice) => choice.listName));
    for (const row of INTAKE_SURVEY) {
      const list = /^select_(?:one|multiple) (\w+)$/.exec(row.type)?.[1];
      if (list) expect(lists.has(list), row.name).toBe(true);
      for (const expression of [row.constraint, row.relevant, row.choiceFilter]) {
        for (const match of (expression ?? '').matchAll(/\$\{(\w+)\}/g))
          expect(names, row.name).toContain(match[1]);
      }
    }
  });

  it('follows XLSForm naming rules: XML names, unique choices per list, labels in both languages', () => {
    for (const row of INTAKE_SURVEY) expect(row.name, row.name).toMatch(/^[A-Za-z_][A-Za-z0-9._-]*$/);
    const perList = new Map<string, string[]>();
    for (const choice of INTAKE_CHOICES)
      perList.set(choice.listName, [...(perList.get(choice.listName) ?? []), choice.name]);
    for (const [list, names] of perList) expect(new Set(names).size, list).toBe(names.length);
    for (const row of questions) {
      expect(row.label?.fr, row.name).toBeTruthy();
      expect(row.label?.en, row.name).toBeTruthy();
    }
    for (const choice of INTAKE_CHOICES) expect(choice.label.fr && choice.label.en).toBeTruthy();
    expect(INTAKE_FORM_SETTINGS.form_id).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
  });

  it('offers exactly the cercles and regions of the P-code table, with both parent regions', () => {
    const adm2 = INTAKE_CHOICES.filter((choice) => choice.listName === 'adm2');
    expect(adm2.map((choice) => choice.name)).toEqual([
      'ML0501',
      'ML0502',
      'ML0503',
      'ML0504',
      'ML0505',
      'ML0506',
      'ML0507',
      'ML0508',
    ]);
    expect(adm2.find((choice) => choice.name === 'ML0504')?.extra).toEqual({
      adm1_2019: 'ML05',
      adm1_2023: 'ML18',
    });
  });

  it('gives Kobo keys as group/name', () => {
    const keys = koboKeys();
    expect(keys.get('birth_year')).toBe('head/birth_year');
    expect(keys.get('displacement')).toBe('displacement');
    expect(keys.get('modules')).toBe('food/modules');
  });
});

describe('forms/household-intake.xlsx', () => {
  it('has the survey, choices and settings sheets with French and English label columns', async () => {
    const { survey, choices, settings } = await readWorkbook();
    expect(survey[0]).toEqual(
      expect.arrayContaining(['type', 'name', 'label::Français (fr)', 'label::English (en)', 'constraint']),
    );
    expect(choices[0]?.slice(0, 4)).toEqual([
      'list_name',
      'name',
      'label::Français (fr)',
      'label::English (en)',
    ]);
    expect(settings[1]).toEqual(Object.values(INTAKE_FORM_SETTINGS));
  });

  it('is up to date with the definition (rebuild with npx tsx forms/build-intake-form.ts)', async () => {
    const { survey, choices } = await readWorkbook();
    const header = survey[0]!;
    const column = (row: string[], name: string) => row[header.indexOf(name)] ?? '';
    expect(survey.slice(1).map((row) => [column(row, 'type'), column(row, 'name')])).toEqual(
      INTAKE_SURVEY.map((row) => [row.type, row.name]),
    );
    const cells = (name: string) => survey.slice(1).map((row) => column(row, name));
    expect(cells('constraint')).toEqual(INTAKE_SURVEY.map((row) => row.constraint ?? ''));
    expect(cells('relevant')).toEqual(INTAKE_SURVEY.map((row) => row.relevant ?? ''));
    expect(cells('choice_filter')).toEqual(INTAKE_SURVEY.map((row) => row.choiceFilter ?? ''));
    expect(cells('required')).toEqual(INTAKE_SURVEY.map((row) => (row.required ? 'yes' : '')));
    expect(cells('label::Français (fr)')).toEqual(INTAKE_SURVEY.map((row) => row.label?.fr ?? ''));
    expect(cells('label::English (en)')).toEqual(INTAKE_SURVEY.map((row) => row.label?.en ?? ''));
    expect(choices.slice(1).map((row) => `${row[0]}:${row[1]}`)).toEqual(
      INTAKE_CHOICES.map((choice) => `${choice.listName}:${choice.name}`),
    );
  });
});
