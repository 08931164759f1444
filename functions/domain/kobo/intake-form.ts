// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm references other questions as ${name}, in plain strings.
import type { FormRow, FormText } from './form-types.ts';

export type { FormChoice, FormRow, FormText } from './form-types.ts';
export { INTAKE_CHOICES } from './intake-choices.ts';

const fr = (text: string, english: string): FormText => ({ fr: text, en: english });
const days = (name: string, maps: string | undefined, label: FormText): FormRow => ({
  type: 'integer',
  name,
  label,
  required: true,
  constraint: '. >= 0 and . <= 7',
  constraintMessage: fr('Entre 0 et 7 jours', 'Between 0 and 7 days'),
  ...(maps && { maps }),
});
const hunger = (name: string, label: FormText): FormRow => ({
  type: 'select_one frequency',
  name,
  label,
  required: true,
  maps: 'foodSecurity.hhs',
});
const count = (name: string, maps: string, label: FormText, constraint: string): FormRow => ({
  type: 'integer',
  name,
  label,
  required: true,
  constraint,
  constraintMessage: fr(
    'Nombre incohérent avec la taille du ménage',
    'Number inconsistent with household size',
  ),
  maps,
});

/** Form id and version of the intake form (settings sheet). */
export const INTAKE_FORM_SETTINGS = {
  form_title: 'Enregistrement des ménages / Household registration',
  form_id: 'mopti_household_intake',
  version: '2026031501',
  default_language: 'Français (fr)',
} as const;

/**
 * The household intake form (XLSForm survey sheet), the single source of the .xlsx in forms/ and
 * of the Kobo mapping. Kobo posts answers as `group/name`.
 */
export const INTAKE_SURVEY: readonly FormRow[] = [
  { type: 'start', name: 'start' },
  { type: 'end', name: 'end' },
  { type: 'begin_group', name: 'consent', label: fr('Consentement', 'Consent') },
  {
    type: 'select_one yes_no',
    name: 'data_processing',
    label: fr(
      "La personne accepte-t-elle que ses données soient enregistrées et traitées pour l'aide ?",
      'Does the person agree that their data be recorded and processed for assistance?',
    ),
    required: true,
    constraint: ". = 'yes'",
    constraintMessage: fr('Sans consentement, aucun enregistrement', 'Without consent, nothing is recorded'),
    maps: 'consent.dataProcessing',
  },
  { type: 'end_group', name: 'consent' },
  {
    type: 'begin_group',
    name: 'head',
    label: fr('Chef de ménage', 'Head of household'),
    relevant: "${data_processing} = 'yes'",
  },
  {
    type: 'text',
    name: 'given_name',
    label: fr('Prénom', 'Given name'),
    required: true,
    constraint: 'string-length(.) >= 1 and string-length(.) <= 80',
    maps: 'headOfHousehold.givenName',
  },
  {
    type: 'text',
    name: 'family_name',
    label: fr('Nom de famille', 'Family name'),
    required: true,
    constraint: 'string-length(.) >= 1 and string-length(.) <= 80',
    maps: 'headOfHousehold.familyName',
  },
  {
    type: 'select_one sex',
    name: 'sex',
    label: fr('Sexe', 'Sex'),
    required: true,
    maps: 'headOfHousehold.sex',
  },
  {
    type: 'integer',
    name: 'birth_year',
    label: fr('Année de naissance', 'Year of birth'),
    required: true,
    constraint: ". >= 1900 and . <= int(format-date(today(), '%Y'))",
    constraintMessage: fr('Entre 1900 et cette année', 'Between 1900 and this year'),
    maps: 'headOfHousehold.birthYear',
  },
  {
    type: 'text',
    name: 'phone',
    label: fr('Téléphone (facultatif)', 'Phone (optional)'),
    appearance: 'numbers',
    constraint: "regex(., '^\\+?[0-9 ]{8,16}$')",
    constraintMessage: fr('8 à 16 chiffres, + au début permis', '8 to 16 digits, leading + allowed'),
    maps: 'headOfHousehold.phone',
  },
  { type: 'end_group', name: 'head' },
  {
    type: 'begin_group',
    name: 'location',
    label: fr('Localisation', 'Location'),
    relevant: "${data_processing} = 'yes'",
  },
  {
    type: 'select_one adm1',
    name: 'adm1',
    label: fr('Région', 'Region'),
    required: true,
    maps: 'location.adm1',
  },
  {
    type: 'select_one adm2',
    name: 'adm2',
    label: fr('Cercle', 'Cercle'),
    required: true,
    choiceFilter: 'adm1_2019 = ${adm1} or adm1_2023 = ${adm1}',
    maps: 'location.adm2',
  },
  {
    type: 'text',
    name: 'commune',
    label: fr('Commune (P-code, facultatif)', 'Commune (P-code, optional)'),
    constraint: "regex(., '^[A-Za-z]{2}([0-9]{2})*$')",
    constraintMessage: fr('P-code invalide (ex. ML050601)', 'Invalid P-code (e.g. ML050601)'),
    maps: 'location.commune',
  },
  {
    type: 'text',
    name: 'site',
    label: fr('Site de distribution', 'Distribution site'),
    required: true,
    constraint: "regex(., '^[A-Za-z0-9_-]{1,40}$')",
    constraintMessage: fr('Lettres, chiffres, - et _ seulement', 'Letters, digits, - and _ only'),
    maps: 'location.site',
  },
  { type: 'end_group', name: 'location' },
  {
    type: 'begin_group',
    name: 'members',
    label: fr('Membres du ménage', 'Household members'),
    relevant: "${data_processing} = 'yes'",
  },
  count(
    'total',
    'members.total',
    fr('Nombre total de personnes', 'Total number of people'),
    '. >= 1 and . <= 100',
  ),
  count(
    'children_under5',
    'members.childrenUnder5',
    fr('Enfants de moins de 5 ans', 'Children under 5'),
    '. >= 0 and . <= ${total}',
  ),
  count(
    'elderly',
    'members.elderly',
    fr('Personnes âgées (60 ans et plus)', 'Elderly people (60 and over)'),
    '. >= 0 and . <= ${total} - ${children_under5}',
  ),
  count(
    'disability',
    'members.withDisability',
    fr('Personnes en situation de handicap', 'People with a disability'),
    '. >= 0 and . <= ${total}',
  ),
  count(
    'women_12_49',
    'members.womenAndGirls12to49',
    fr('Femmes et filles de 12 à 49 ans', 'Women and girls aged 12 to 49'),
    '. >= 0 and . <= ${total} - ${children_under5}',
  ),
  count(
    'pregnant_lactating',
    'members.pregnantOrLactating',
    fr('Femmes enceintes ou allaitantes', 'Pregnant or lactating women'),
    '. >= 0 and . <= ${women_12_49}',
  ),
  { type: 'end_group', name: 'members' },
  {
    type: 'select_one displacement',
    name: 'displacement',
    label: fr('Statut de déplacement', 'Displacement status'),
    required: true,
    relevant: "${data_processing} = 'yes'",
    maps: 'displacement',
  },
  {
    type: 'begin_group',
    name: 'food',
    label: fr('Sécurité alimentaire', 'Food security'),
    relevant: "${data_processing} = 'yes'",
  },
  {
    type: 'select_multiple module',
    name: 'modules',
    label: fr('Indicateurs collectés', 'Indicators collected'),
    hint: fr('Cochez ceux que vous allez poser', 'Tick those you are going to ask'),
    maps: 'foodSecurity',
  },
  { type: 'end_group', name: 'food' },
  {
    type: 'begin_group',
    name: 'fcs',
    label: fr('Jours de consommation (7 derniers jours)', 'Days eaten (last 7 days)'),
    relevant: "selected(${modules}, 'fcs')",
  },
  days('staples', 'foodSecurity.fcs.staples', fr('Céréales, tubercules', 'Cereals, tubers')),
  days('pulses', 'foodSecurity.fcs.pulses', fr('Légumineuses, noix', 'Pulses, nuts')),
  days('meat_fish', 'foodSecurity.fcs.meatFish', fr('Viande, poisson, œufs', 'Meat, fish, eggs')),
  days('vegetables', 'foodSecurity.fcs.vegetables', fr('Légumes, feuilles', 'Vegetables, leaves')),
  days('fruit', 'foodSecurity.fcs.fruit', fr('Fruits', 'Fruit')),
  days('dairy', 'foodSecurity.fcs.dairy', fr('Lait, produits laitiers', 'Milk, dairy')),
  days('oil', 'foodSecurity.fcs.oil', fr('Huile, graisses', 'Oil, fats')),
  days('sugar', 'foodSecurity.fcs.sugar', fr('Sucre, miel', 'Sugar, honey')),
  { type: 'end_group', name: 'fcs' },
  {
    type: 'begin_group',
    name: 'rcsi',
    label: fr("Stratégies d'adaptation (7 derniers jours)", 'Coping strategies (last 7 days)'),
    relevant: "selected(${modules}, 'rcsi')",
  },
  days('less_preferred', 'foodSecurity.rcsi', fr('Aliments moins préférés', 'Less preferred food')),
  days('borrow_food', 'foodSecurity.rcsi', fr('Emprunt de nourriture', 'Borrowed food')),
  days('limit_portions', 'foodSecurity.rcsi', fr('Portions réduites', 'Smaller portions')),
  days(
    'restrict_adults',
    'foodSecurity.rcsi',
    fr('Adultes mangent moins pour les enfants', 'Adults ate less for children'),
  ),
  days('reduce_meals', 'foodSecurity.rcsi', fr('Moins de repas par jour', 'Fewer meals a day')),
  { type: 'end_group', name: 'rcsi' },
  {
    type: 'begin_group',
    name: 'hhs',
    label: fr('Faim dans le ménage (30 derniers jours)', 'Household hunger (last 30 days)'),
    relevant: "selected(${modules}, 'hhs')",
  },
  hunger('no_food', fr('Aucune nourriture à la maison ?', 'No food at all in the house?')),
  hunger('slept_hungry', fr('Dormir en ayant faim ?', 'Went to sleep hungry?')),
  hunger('whole_day', fr('Un jour et une nuit sans manger ?', 'A whole day and night without eating?')),
  { type: 'end_group', name: 'hhs' },
];

/** The Kobo key of a survey row: `group/name`, or `name` at top level. */
export function koboKeys(survey: readonly FormRow[] = INTAKE_SURVEY): Map<string, string> {
  const keys = new Map<string, string>();
  const groups: string[] = [];
  for (const row of survey) {
    if (row.type === 'begin_group') groups.push(row.name);
    else if (row.type === 'end_group') groups.pop();
    else keys.set(row.name, [...groups, row.name].join('/'));
  }
  return keys;
}
