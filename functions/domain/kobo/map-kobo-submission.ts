import { type HhsFrequency, householdHungerScore } from '../targeting/hhs.ts';
import { reducedCopingStrategiesIndex } from '../targeting/rcsi.ts';
import { INTAKE_SURVEY, koboKeys } from './intake-form.ts';

/** An attachment as Kobo lists it; URLs are left out (they need Kobo credentials and may name people). */
export interface KoboAttachment {
  filename?: string;
  mimetype?: string;
  questionXpath?: string;
}

/** The household command candidate read from a Kobo body, with what the ingest needs besides. */
export interface KoboIntake {
  /** Kobo's `_uuid`: the idempotency key of the ingest. */
  submissionId: string;
  submittedAt?: string;
  /** To be validated with the household command schema; wrong answers are kept so it can say which. */
  command: Record<string, unknown>;
  attachments: KoboAttachment[];
  /** Answer keys that are not in our form: a sign the body comes from another form (or version). */
  unknownFields: string[];
}

/** Keys Kobo adds to every submission, beside the form's own answers. */
const KOBO_META =
  /^(_|meta\/|formhub\/|__version__$|start$|end$|today$|deviceid$|simserial$|phonenumber$|username$|audit$)/;

const FREQUENCIES: Record<string, HhsFrequency> = {
  never: 'NEVER',
  rarely: 'RARELY',
  sometimes: 'SOMETIMES',
  often: 'OFTEN',
};

/**
 * Maps a KoboToolbox REST-service body of OUR intake form (forms/household-intake.xlsx) to the
 * household registration command. Flat `group/name` keys, strings for numbers, select-multiple
 * answers space-separated; rCSI and HHS are computed from their questions.
 */
export function mapKoboSubmission(body: Record<string, unknown>): KoboIntake {
  const keys = koboKeys(INTAKE_SURVEY);
  const answer = (name: string): unknown => body[keys.get(name)!];
  const text = (name: string): string | undefined => {
    const value = answer(name);
    if (value === undefined || value === null) return undefined;
    const trimmed = String(value).trim();
    return trimmed === '' ? undefined : trimmed;
  };
  const integer = (name: string): unknown => {
    const value = text(name);
    return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : value;
  };
  const modules = new Set((text('modules') ?? '').split(/\s+/).filter(Boolean));

  const foodSecurity: Record<string, unknown> = {};
  if (modules.has('fcs')) {
    foodSecurity['fcs'] = {
      staples: integer('staples'),
      pulses: integer('pulses'),
      meatFish: integer('meat_fish'),
      vegetables: integer('vegetables'),
      fruit: integer('fruit'),
      dairy: integer('dairy'),
      oil: integer('oil'),
      sugar: integer('sugar'),
    };
  }
  if (modules.has('rcsi')) {
    const strategyDays = [
      'less_preferred',
      'borrow_food',
      'limit_portions',
      'restrict_adults',
      'reduce_meals',
    ].map(integer);
    const valid = strategyDays.every((d) => typeof d === 'number' && d >= 0 && d <= 7);
    const [lessPreferredFood = 0, borrowFood = 0, limitPortions = 0, restrictAdults = 0, reduceMeals = 0] =
      valid ? (strategyDays as number[]) : [];
    // An invalid answer leaves a non-number, which the schema reports at foodSecurity.rcsi.
    foodSecurity['rcsi'] = valid
      ? reducedCopingStrategiesIndex({
          lessPreferredFood,
          borrowFood,
          limitPortions,
          restrictAdults,
          reduceMeals,
        })
      : 'invalid';
  }
  if (modules.has('hhs')) {
    const answers = ['no_food', 'slept_hungry', 'whole_day'].map((name) => FREQUENCIES[text(name) ?? '']);
    const [noFood, sleptHungry, wholeDayWithoutFood] = answers;
    foodSecurity['hhs'] =
      noFood && sleptHungry && wholeDayWithoutFood
        ? householdHungerScore({ noFood, sleptHungry, wholeDayWithoutFood })
        : 'invalid';
  }

  const head: Record<string, unknown> = {
    givenName: text('given_name'),
    familyName: text('family_name'),
    sex: text('sex'),
    birthYear: integer('birth_year'),
  };
  const phone = text('phone');
  if (phone !== undefined) head['phone'] = phone;
  const location: Record<string, unknown> = { adm1: text('adm1'), adm2: text('adm2'), site: text('site') };
  const commune = text('commune');
  if (commune !== undefined) location['commune'] = commune;

  const command = {
    headOfHousehold: head,
    location,
    members: {
      total: integer('total'),
      childrenUnder5: integer('children_under5'),
      pregnantOrLactating: integer('pregnant_lactating'),
      elderly: integer('elderly'),
      withDisability: integer('disability'),
      womenAndGirls12to49: integer('women_12_49'),
    },
    displacement: text('displacement'),
    foodSecurity,
    consent: { dataProcessing: text('data_processing') === 'yes' },
  };

  const formKeys = new Set(keys.values());
  const unknownFields = Object.keys(body).filter((key) => !KOBO_META.test(key) && !formKeys.has(key));
  const intake: KoboIntake = {
    submissionId: String(body['_uuid'] ?? ''),
    command,
    attachments: attachmentsOf(body['_attachments']),
    unknownFields,
  };
  if (typeof body['_submission_time'] === 'string') intake.submittedAt = body['_submission_time'];
  return intake;
}

function attachmentsOf(value: unknown): KoboAttachment[] {
  if (!Array.isArray(value)) return [];
  return value.map((item: Record<string, unknown>) => {
    const attachment: KoboAttachment = {};
    if (typeof item['filename'] === 'string') attachment.filename = item['filename'];
    if (typeof item['mimetype'] === 'string') attachment.mimetype = item['mimetype'];
    if (typeof item['question_xpath'] === 'string') attachment.questionXpath = item['question_xpath'];
    return attachment;
  });
}

/**
 * The Kobo question behind a command field, so a validation message can point the enumerator at the
 * question (e.g. `headOfHousehold.birthYear` → `head/birth_year`).
 */
export function koboFieldFor(commandPath: string): string | undefined {
  const keys = koboKeys(INTAKE_SURVEY);
  const row = INTAKE_SURVEY.find((candidate) => candidate.maps === commandPath);
  return row ? keys.get(row.name) : undefined;
}
