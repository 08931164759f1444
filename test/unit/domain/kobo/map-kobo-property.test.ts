import fc from 'fast-check';
import { describe, it } from 'vitest';
import { INTAKE_CHOICES } from '../../../../functions/domain/kobo/intake-form.ts';
import { mapKoboSubmission } from '../../../../functions/domain/kobo/map-kobo-submission.ts';
import { householdCommandSchema } from '../../../../functions/schemas/household.ts';
import { koboEnvelopeFromExample } from '../../../fixtures/domain/kobo.ts';

const day = fc.integer({ min: 0, max: 7 }).map(String);
const frequency = fc.constantFrom('never', 'rarely', 'sometimes', 'often');
const cercles = INTAKE_CHOICES.filter((choice) => choice.listName === 'adm2').flatMap((choice) => [
  [choice.extra!['adm1_2019']!, choice.name] as const,
  [choice.extra!['adm1_2023']!, choice.name] as const,
]);

/** Any answers the form's own constraints allow. */
const formAnswers = fc
  .record({
    total: fc.integer({ min: 1, max: 30 }),
    childrenShare: fc.double({ min: 0, max: 1, noNaN: true }),
    elderlyShare: fc.double({ min: 0, max: 1, noNaN: true }),
    womenShare: fc.double({ min: 0, max: 1, noNaN: true }),
    plwShare: fc.double({ min: 0, max: 1, noNaN: true }),
    disabilityShare: fc.double({ min: 0, max: 1, noNaN: true }),
    place: fc.constantFrom(...cercles),
    modules: fc.subarray(['fcs', 'rcsi', 'hhs']),
    days: fc.array(day, { minLength: 13, maxLength: 13 }),
    hunger: fc.array(frequency, { minLength: 3, maxLength: 3 }),
    sex: fc.constantFrom('F', 'M'),
    displacement: fc.constantFrom('IDP', 'RETURNEE', 'REFUGEE', 'HOST'),
    birthYear: fc.integer({ min: 1900, max: 2010 }),
    name: fc.stringMatching(/^[A-Za-zÀ-ÿ' -]{1,30}[A-Za-z]$/),
  })
  .map((a) => {
    const children = Math.floor(a.childrenShare * a.total);
    const rest = a.total - children;
    const women = Math.floor(a.womenShare * rest);
    const [d0, d1, d2, d3, d4, d5, d6, d7, r0, r1, r2, r3, r4] = a.days;
    return {
      'consent/data_processing': 'yes',
      'head/given_name': a.name,
      'head/family_name': a.name,
      'head/sex': a.sex,
      'head/birth_year': String(a.birthYear),
      'location/adm1': a.place[0],
      'location/adm2': a.place[1],
      'location/site': 'SITE-1',
      'members/total': String(a.total),
      'members/children_under5': String(children),
      'members/elderly': String(Math.floor(a.elderlyShare * rest)),
      'members/disability': String(Math.floor(a.disabilityShare * a.total)),
      'members/women_12_49': String(women),
      'members/pregnant_lactating': String(Math.floor(a.plwShare * women)),
      displacement: a.displacement,
      'food/modules': a.modules.join(' '),
      'fcs/staples': d0,
      'fcs/pulses': d1,
      'fcs/meat_fish': d2,
      'fcs/vegetables': d3,
      'fcs/fruit': d4,
      'fcs/dairy': d5,
      'fcs/oil': d6,
      'fcs/sugar': d7,
      'rcsi/less_preferred': r0,
      'rcsi/borrow_food': r1,
      'rcsi/limit_portions': r2,
      'rcsi/restrict_adults': r3,
      'rcsi/reduce_meals': r4,
      'hhs/no_food': a.hunger[0],
      'hhs/slept_hungry': a.hunger[1],
      'hhs/whole_day': a.hunger[2],
    };
  });

describe('mapKoboSubmission over any answers the form accepts', () => {
  it('always yields a valid command that keeps the answers', () => {
    fc.assert(
      fc.property(formAnswers, (answers) => {
        const command = householdCommandSchema.parse(
          mapKoboSubmission({ ...koboEnvelopeFromExample(), ...answers }).command,
        );
        const modules = answers['food/modules'].split(' ').filter(Boolean);
        return (
          command.members.total === Number(answers['members/total']) &&
          command.location.adm2 === answers['location/adm2'] &&
          (command.foodSecurity.fcs !== undefined) === modules.includes('fcs') &&
          (command.foodSecurity.rcsi !== undefined) === modules.includes('rcsi') &&
          (command.foodSecurity.hhs !== undefined) === modules.includes('hhs')
        );
      }),
      { numRuns: 300 },
    );
  });
});
