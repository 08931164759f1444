/**
 * Writes forms/household-intake.xlsx, the XLSForm of the household intake form, from its definition
 * in functions/domain/kobo/intake-form.ts (the same definition the Kobo mapping reads).
 * Run: npx tsx forms/build-intake-form.ts (type-check: npx tsc --noEmit -p forms)
 */
import ExcelJS from 'exceljs';
import { INTAKE_CHOICES, INTAKE_FORM_SETTINGS, INTAKE_SURVEY } from '../functions/domain/kobo/intake-form.ts';

const FR = 'Français (fr)';
const EN = 'English (en)';

const SURVEY_COLUMNS = [
  'type',
  'name',
  `label::${FR}`,
  `label::${EN}`,
  `hint::${FR}`,
  `hint::${EN}`,
  'required',
  'constraint',
  `constraint_message::${FR}`,
  `constraint_message::${EN}`,
  'relevant',
  'choice_filter',
  'appearance',
] as const;

/** Builds the workbook; exported for the test that checks it against the definition. */
export function buildIntakeWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  // Fixed document dates: a rebuild differs only by the zip entries' own timestamps.
  workbook.created = new Date('2026-03-15T00:00:00Z');
  workbook.modified = new Date('2026-03-15T00:00:00Z');
  const survey = workbook.addWorksheet('survey');
  survey.addRow([...SURVEY_COLUMNS]);
  for (const row of INTAKE_SURVEY) {
    survey.addRow([
      row.type,
      row.name,
      row.label?.fr ?? '',
      row.label?.en ?? '',
      row.hint?.fr ?? '',
      row.hint?.en ?? '',
      row.required ? 'yes' : '',
      row.constraint ?? '',
      row.constraintMessage?.fr ?? '',
      row.constraintMessage?.en ?? '',
      row.relevant ?? '',
      row.choiceFilter ?? '',
      row.appearance ?? '',
    ]);
  }
  const extraColumns = [...new Set(INTAKE_CHOICES.flatMap((choice) => Object.keys(choice.extra ?? {})))];
  const choices = workbook.addWorksheet('choices');
  choices.addRow(['list_name', 'name', `label::${FR}`, `label::${EN}`, ...extraColumns]);
  for (const choice of INTAKE_CHOICES) {
    choices.addRow([
      choice.listName,
      choice.name,
      choice.label.fr,
      choice.label.en,
      ...extraColumns.map((column) => choice.extra?.[column] ?? ''),
    ]);
  }
  const settings = workbook.addWorksheet('settings');
  settings.addRow(Object.keys(INTAKE_FORM_SETTINGS));
  settings.addRow(Object.values(INTAKE_FORM_SETTINGS));
  for (const sheet of [survey, choices, settings]) sheet.getRow(1).font = { bold: true };
  return workbook;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = new URL('./household-intake.xlsx', import.meta.url);
  await buildIntakeWorkbook().xlsx.writeFile(target.pathname);
  console.log(`wrote ${target.pathname}`);
}
