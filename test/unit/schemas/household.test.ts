import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { parsePcodeCsv, pcodeLookupFrom } from '../../../functions/domain/pcodes/pcode-table.ts';
import { formatIssues } from '../../../functions/schemas/format-issues.ts';
import { householdCommandSchema, householdCommandSchemaWith } from '../../../functions/schemas/household.ts';
import { validate } from '../../../functions/schemas/validate.ts';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';

const pcodes = pcodeLookupFrom(
  parsePcodeCsv(readFileSync(new URL('../../../config/pcodes.csv', import.meta.url), 'utf8')),
);

/** Field paths and messages of a body, in one language. */
function problems(body: unknown, lang: 'fr' | 'en' = 'en', schema: z.ZodType = householdCommandSchema) {
  const result = validate(schema, body);
  return result.success ? [] : formatIssues(result.error, lang);
}
const paths = (body: unknown, schema?: z.ZodType) => problems(body, 'en', schema).map((p) => p.path);

describe('householdCommandSchema', () => {
  it('accepts a complete registration and one without optional parts', () => {
    expect(paths(aHouseholdCommand())).toEqual([]);
    const minimal = aHouseholdCommand() as Record<string, unknown> & ReturnType<typeof aHouseholdCommand>;
    delete (minimal.headOfHousehold as { phone?: string }).phone;
    minimal.foodSecurity = {} as never;
    expect(paths(minimal)).toEqual([]);
  });

  it('requires each mandatory field, saying so in both languages', () => {
    for (const key of [
      'headOfHousehold',
      'location',
      'members',
      'displacement',
      'foodSecurity',
      'consent',
    ] as const) {
      const body: Record<string, unknown> = aHouseholdCommand();
      delete body[key];
      expect(problems(body, 'en')).toEqual([{ path: key, message: 'Required' }]);
      expect(problems(body, 'fr')).toEqual([{ path: key, message: 'Champ obligatoire' }]);
    }
  });

  it('refuses unknown keys at every level, naming each', () => {
    const body = aHouseholdCommand() as Record<string, unknown>;
    body['survivorCode'] = 'X';
    (body['headOfHousehold'] as Record<string, unknown>)['nickname'] = 'Mina';
    (body['foodSecurity'] as { fcs: Record<string, unknown> }).fcs['insects'] = 3;
    expect(problems(body, 'fr')).toEqual([
      { path: 'headOfHousehold.nickname', message: 'Champ non autorisé' },
      { path: 'foodSecurity.fcs.insects', message: 'Champ non autorisé' },
      { path: 'survivorCode', message: 'Champ non autorisé' },
    ]);
  });

  it('refuses a registration without consent to data processing', () => {
    const body = aHouseholdCommand();
    (body.consent as { dataProcessing: boolean }).dataProcessing = false;
    expect(problems(body, 'fr')).toEqual([
      {
        path: 'consent.dataProcessing',
        message: 'Le consentement au traitement des données est obligatoire',
      },
    ]);
  });

  it.each([
    ['childrenUnder5', 7],
    ['pregnantOrLactating', 7],
    ['elderly', 7],
    ['withDisability', 7],
    ['womenAndGirls12to49', 7],
  ])('refuses %s above the total', (field, value) => {
    const body = aHouseholdCommand();
    (body.members as Record<string, number>)[field] = value;
    expect(paths(body)).toContain(`members.${field}`);
  });

  it('refuses children under 5 and elderly together above the total, and more pregnant women than women', () => {
    const body = aHouseholdCommand();
    body.members = {
      ...body.members,
      total: 3,
      childrenUnder5: 2,
      elderly: 2,
      womenAndGirls12to49: 1,
      pregnantOrLactating: 2,
    };
    expect(problems(body)).toEqual([
      { path: 'members.elderly', message: 'Cannot exceed the total number of members (3)' },
      {
        path: 'members.pregnantOrLactating',
        message: 'Cannot exceed the number of women and girls aged 12–49 (1)',
      },
    ]);
  });

  it('accepts 0 and 7 food-group days and refuses -1, 8 and fractions', () => {
    for (const [days, ok] of [
      [0, true],
      [7, true],
      [-1, false],
      [8, false],
      [2.5, false],
    ] as const) {
      const body = aHouseholdCommand();
      body.foodSecurity.fcs.pulses = days;
      expect(paths(body).includes('foodSecurity.fcs.pulses')).toBe(!ok);
    }
  });

  it('bounds rCSI to 0–56 and HHS to 0–6', () => {
    const body = aHouseholdCommand();
    body.foodSecurity.rcsi = 56;
    body.foodSecurity.hhs = 6;
    expect(paths(body)).toEqual([]);
    body.foodSecurity.rcsi = 57;
    body.foodSecurity.hhs = 7;
    expect(problems(body, 'fr')).toEqual([
      { path: 'foodSecurity.rcsi', message: 'Trop grand : nombre doit être <=56' },
      { path: 'foodSecurity.hhs', message: 'Trop grand : nombre doit être <=6' },
    ]);
  });

  it('refuses a birth year in the future or before 1900, and a wrong type with the type named', () => {
    const body = aHouseholdCommand();
    body.headOfHousehold.birthYear = new Date().getUTCFullYear() + 1;
    expect(paths(body)).toEqual(['headOfHousehold.birthYear']);
    body.headOfHousehold.birthYear = 1899;
    expect(paths(body)).toEqual(['headOfHousehold.birthYear']);
    (body.headOfHousehold as { birthYear: unknown }).birthYear = '1988';
    expect(problems(body, 'en')).toEqual([
      { path: 'headOfHousehold.birthYear', message: 'Invalid input: expected number, received string' },
    ]);
    expect(problems(body, 'fr')[0]?.message).toBe(
      'Entrée invalide : nombre attendu, chaîne de caractères reçu',
    );
  });

  it('upper-cases P-codes and refuses malformed ones', () => {
    const body = aHouseholdCommand();
    body.location.adm2 = 'ml0506';
    const parsed = householdCommandSchema.parse(body);
    expect(parsed.location.adm2).toBe('ML0506');
    body.location.adm2 = 'Mopti';
    expect(problems(body, 'fr')).toEqual([
      { path: 'location.adm2', message: 'P-code invalide (ex. ML0506)' },
    ]);
  });

  it('refuses a body that is not an object, or null', () => {
    expect(paths(null)).toEqual(['']);
    expect(paths('household')).toEqual(['']);
  });

  it('never echoes a submitted value in a message', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 6, maxLength: 30 }).filter((s) => /^[A-Za-z]+$/.test(s)),
        (secret) => {
          const body = aHouseholdCommand() as Record<string, unknown>;
          (body['headOfHousehold'] as Record<string, unknown>)['birthYear'] = secret;
          (body['location'] as Record<string, unknown>)['adm1'] = secret;
          body['displacement'] = secret;
          body[secret] = secret;
          const messages = [...problems(body, 'fr'), ...problems(body, 'en')]
            .map((p) => p.message)
            .join('\n');
          return !messages.includes(secret);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('householdCommandSchemaWith (P-code table)', () => {
  const schema = householdCommandSchemaWith(pcodes);

  it('accepts the 2019 and the 2023-split region of a cercle, keeping the code as submitted', () => {
    const body = aHouseholdCommand();
    body.location = { adm1: 'ML18', adm2: 'ML0504', site: 'SITE-DOUENTZA' };
    expect(schema.parse(body).location.adm1).toBe('ML18');
    body.location.adm1 = 'ML05';
    expect(schema.parse(body).location.adm1).toBe('ML05');
  });

  it('refuses unknown codes and cercles outside their region, in French and English', () => {
    const body = aHouseholdCommand();
    body.location = { adm1: 'ML19', adm2: 'ML0506', site: 'S1' };
    expect(problems(body, 'fr', schema)).toEqual([
      { path: 'location.adm2', message: "Le P-code ML0506 n'appartient pas à ML19" },
    ]);
    body.location = { adm1: 'ML07', adm2: 'ML0506', site: 'S1' };
    expect(problems(body, 'en', schema)).toEqual([
      { path: 'location.adm1', message: 'Unknown P-code: ML07' },
    ]);
  });
});

describe('formatIssues', () => {
  it('renders the same error in either language, per call, without changing zod’s global locale', () => {
    const result = householdCommandSchema.safeParse({ ...aHouseholdCommand(), displacement: 'NOMAD' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(formatIssues(result.error, 'fr')[0]?.message).toBe(
      'Option invalide : une valeur parmi "IDP"|"RETURNEE"|"REFUGEE"|"HOST" attendue',
    );
    expect(formatIssues(result.error, 'en')[0]?.message).toBe(
      'Invalid option: expected one of "IDP"|"RETURNEE"|"REFUGEE"|"HOST"',
    );
    expect(z.string().safeParse(1).error?.issues[0]?.message).toBe(
      'Invalid input: expected string, received number',
    );
  });
});

describe('householdCommandSchemaWith, several mistakes at once', () => {
  it('reports an unknown top-level key and an unknown P-code together', () => {
    const body = { ...aHouseholdCommand(), nickname: 'x' } as Record<string, unknown> &
      ReturnType<typeof aHouseholdCommand>;
    body.location = { ...body.location, adm2: 'ML9999' };
    expect(paths(body, householdCommandSchemaWith(pcodes)).sort()).toEqual(['location.adm2', 'nickname']);
  });
});
