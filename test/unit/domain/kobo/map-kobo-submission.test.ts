import { describe, expect, it } from 'vitest';
import { koboFieldFor, mapKoboSubmission } from '../../../../functions/domain/kobo/map-kobo-submission.ts';
import { formatIssues } from '../../../../functions/schemas/format-issues.ts';
import { householdCommandSchema } from '../../../../functions/schemas/household.ts';
import { validate } from '../../../../functions/schemas/validate.ts';
import { intakeAnswers, koboEnvelopeFromExample } from '../../../fixtures/domain/kobo.ts';

const body = (answers: Record<string, unknown> = intakeAnswers()) => ({
  ...koboEnvelopeFromExample(),
  ...answers,
});

describe('mapKoboSubmission', () => {
  it('maps a body shaped like the real Kobo example to a valid household command', () => {
    const intake = mapKoboSubmission(body());
    expect(intake.submissionId).toBe('4b3622c9-e8f5-4776-8766-c80453b073ab');
    expect(intake.submittedAt).toBe('2021-06-04T17:02:44');
    expect(intake.unknownFields).toEqual([]);
    expect(intake.attachments).toEqual([
      { filename: expect.stringContaining('indy_bitmoji'), mimetype: 'image/jpeg' },
    ]);
    expect(householdCommandSchema.parse(intake.command)).toEqual({
      headOfHousehold: {
        givenName: 'Fatoumata',
        familyName: 'Coulibaly',
        sex: 'F',
        birthYear: 1979,
        phone: '+223 76 12 34 56',
      },
      location: { adm1: 'ML19', adm2: 'ML0501', site: 'SITE-BANDIAGARA-02' },
      members: {
        total: 7,
        childrenUnder5: 2,
        pregnantOrLactating: 1,
        elderly: 1,
        withDisability: 0,
        womenAndGirls12to49: 2,
      },
      displacement: 'IDP',
      foodSecurity: {
        fcs: { staples: 7, pulses: 1, meatFish: 0, vegetables: 3, fruit: 0, dairy: 0, oil: 4, sugar: 2 },
        rcsi: 5 + 2 * 2 + 4 + 3 * 3 + 4,
        hhs: 1 + 2 + 0,
      },
      consent: { dataProcessing: true },
    });
  });

  it('reads select-multiple answers space-separated: only the modules ticked are mapped', () => {
    const answers = { ...intakeAnswers(), 'food/modules': 'hhs fcs' };
    const { foodSecurity } = mapKoboSubmission(body(answers)).command as {
      foodSecurity: Record<string, unknown>;
    };
    expect(Object.keys(foodSecurity).sort()).toEqual(['fcs', 'hhs']);
    const none = mapKoboSubmission(body({ ...intakeAnswers(), 'food/modules': '' })).command as {
      foodSecurity: Record<string, unknown>;
    };
    expect(none.foodSecurity).toEqual({});
  });

  it('takes numbers as Kobo sends them (strings or numbers) and omits empty optional answers', () => {
    const answers = { ...intakeAnswers(), 'members/total': 7, 'head/phone': '', 'location/commune': ' ' };
    const command = householdCommandSchema.parse(mapKoboSubmission(body(answers)).command);
    expect(command.members.total).toBe(7);
    expect(command.headOfHousehold.phone).toBeUndefined();
    expect(command.location.commune).toBeUndefined();
  });

  it('refuses a submission without consent, pointing at the field', () => {
    const command = mapKoboSubmission(body({ ...intakeAnswers(), 'consent/data_processing': 'no' })).command;
    const result = validate(householdCommandSchema, command);
    expect(result.success).toBe(false);
    expect(result.error && formatIssues(result.error, 'fr').map((issue) => issue.path)).toEqual([
      'consent.dataProcessing',
    ]);
  });

  it('keeps a wrong answer so validation names the field, and maps the field back to the question', () => {
    const command = mapKoboSubmission(
      body({ ...intakeAnswers(), 'head/birth_year': 'vers 1980', 'rcsi/borrow_food': '9' }),
    ).command;
    const result = validate(householdCommandSchema, command);
    const paths = result.error ? formatIssues(result.error, 'en').map((issue) => issue.path) : [];
    expect(paths).toEqual(['headOfHousehold.birthYear', 'foodSecurity.rcsi']);
    expect(koboFieldFor('headOfHousehold.birthYear')).toBe('head/birth_year');
    expect(koboFieldFor('members.womenAndGirls12to49')).toBe('members/women_12_49');
  });

  it('lists answers that are not in our form (the example body of another form)', () => {
    const example = {
      ...koboEnvelopeFromExample(),
      'group_childInfo/Child_Age': '4',
      'group_health/Danger': 'no',
    };
    const intake = mapKoboSubmission(example);
    expect(intake.unknownFields).toEqual(['group_childInfo/Child_Age', 'group_health/Danger']);
    expect(householdCommandSchema.safeParse(intake.command).success).toBe(false);
  });
});
