import * as z from 'zod';
import type { Household } from '../domain/household/household.ts';
import { validateLocation } from '../domain/pcodes/validate-location.ts';
import type { PcodeLookup } from '../domain/ports/pcode-lookup.ts';
import { addIssue, countSchema, pcodeSchema, textSchema } from './common.ts';
import { messageKey } from './messages.ts';

/** Oldest birth year accepted for a head of household; the newest is the current year (a head can be a child). */
export const BIRTH_YEAR_MIN = 1900;

const daysSchema = z.int().min(0).max(7);

/** The head of household part of the registration. */
export const headOfHouseholdSchema = z
  .object({
    givenName: textSchema(80),
    familyName: textSchema(80),
    sex: z.enum(['F', 'M']),
    birthYear: z
      .int()
      .min(BIRTH_YEAR_MIN)
      .superRefine((year, ctx) => {
        // Read at parse time, not at module load: a warm Lambda may outlive New Year's Eve.
        const max = new Date().getUTCFullYear();
        if (year > max) addIssue(ctx, [], 'birthYearRange', { min: BIRTH_YEAR_MIN, max });
      }),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ]{8,16}$/)
      .optional(),
  })
  .strict();

/** Where the household lives: P-codes (format checked here, table checked by `householdCommandSchemaWith`) and site. */
export const locationSchema = z
  .object({
    adm1: pcodeSchema,
    adm2: pcodeSchema,
    commune: pcodeSchema.optional(),
    site: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9_-]+$/)
      .meta({ description: 'Distribution site id', examples: ['SITE-SEVARE-01'] }),
  })
  .strict();

const SUBGROUPS = [
  'childrenUnder5',
  'pregnantOrLactating',
  'elderly',
  'withDisability',
  'womenAndGirls12to49',
] as const;

/** Each subgroup is part of the household (the head counts in the total); disjoint groups fit together. */
function checkMemberCounts(members: Household['members'], ctx: z.RefinementCtx): void {
  const tooLarge = SUBGROUPS.filter((key) => members[key] > members.total);
  for (const key of tooLarge) addIssue(ctx, [key], 'exceedsTotal', { total: members.total });
  // Sums are checked once each group fits on its own: one mistake, one message.
  if (tooLarge.length > 0) return;
  if (members.childrenUnder5 + members.elderly > members.total)
    addIssue(ctx, ['elderly'], 'exceedsTotal', { total: members.total });
  if (members.childrenUnder5 + members.womenAndGirls12to49 > members.total)
    addIssue(ctx, ['womenAndGirls12to49'], 'exceedsTotal', { total: members.total });
  if (members.pregnantOrLactating > members.womenAndGirls12to49)
    addIssue(ctx, ['pregnantOrLactating'], 'exceedsWomen', { women: members.womenAndGirls12to49 });
}

/** Member counts, each subgroup within the total. */
export const membersSchema = z
  .object({
    total: z.int().min(1).max(100),
    childrenUnder5: countSchema,
    pregnantOrLactating: countSchema,
    elderly: countSchema,
    withDisability: countSchema,
    womenAndGirls12to49: countSchema,
  })
  .strict()
  // Only between valid counts: a bad total would otherwise be reported again on every subgroup.
  .superRefine(checkMemberCounts, { when: (payload) => payload.issues.length === 0 });

/** Food Consumption Score answers: days per food group. */
export const fcsSchema = z
  .object({
    staples: daysSchema,
    pulses: daysSchema,
    meatFish: daysSchema,
    vegetables: daysSchema,
    fruit: daysSchema,
    dairy: daysSchema,
    oil: daysSchema,
    sugar: daysSchema,
  })
  .strict()
  .meta({ description: 'Days (0–7) in the last 7 each food group was eaten' });

/** Food-security indicators, each optional. */
export const foodSecuritySchema = z
  .object({
    fcs: fcsSchema.optional(),
    rcsi: z.int().min(0).max(56).optional(),
    hhs: z.int().min(0).max(6).optional(),
  })
  .strict();

/** The household registration command (`POST /households`, Kobo and CSV rows map to it). */
export const householdCommandSchema = z
  .object({
    headOfHousehold: headOfHouseholdSchema,
    location: locationSchema,
    members: membersSchema,
    displacement: z.enum(['IDP', 'RETURNEE', 'REFUGEE', 'HOST']),
    foodSecurity: foodSecuritySchema,
    consent: z.object({ dataProcessing: z.literal(true, { error: messageKey('consentRequired') }) }).strict(),
  })
  .strict()
  .meta({ id: 'HouseholdCommand', title: 'Household registration' });

export type HouseholdCommand = z.infer<typeof householdCommandSchema>;

// The command must stay a Household for the domain; this line fails to compile if they drift.
const _commandIsHousehold = (command: HouseholdCommand): Household => command;
void _commandIsHousehold;

const PROBLEM_MESSAGE = {
  PCODE_UNKNOWN: 'pcodeUnknown',
  PCODE_WRONG_LEVEL: 'pcodeWrongLevel',
  PCODE_NOT_IN_PARENT: 'pcodeNotInParent',
} as const;

const hasObjectLocation = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { location?: unknown }).location === 'object';

/**
 * The registration command checked against the current P-code table as well. Build it per request
 * (or whenever the table is refreshed) from the lookup port.
 */
export function householdCommandSchemaWith(pcodes: PcodeLookup) {
  return householdCommandSchema.superRefine(
    (command, ctx) => {
      for (const problem of validateLocation(command.location, pcodes)) {
        const { field, code, ...params } = problem;
        addIssue(ctx, ['location', field], PROBLEM_MESSAGE[code], params);
      }
    },
    // A malformed code already has its message; other fields' problems do not hold this check back.
    {
      when: (payload) =>
        hasObjectLocation(payload.value) && !payload.issues.some((issue) => issue.path?.[0] === 'location'),
    },
  );
}
