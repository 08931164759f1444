import * as z from 'zod';
import type { Condition, EligibilityRuleSet, FactName } from '../../domain/targeting/rule-set.ts';

const FACT_NAMES = [
  'fcsScore',
  'fcsCategory',
  'rcsiScore',
  'rcsiPhase',
  'hhsScore',
  'hhsCategory',
  'hhsPhase',
  'foodSecurityIndicators',
  'householdSize',
  'childrenUnder5',
  'pregnantOrLactating',
  'elderly',
  'withDisability',
  'womenAndGirls12to49',
  'headSex',
  'headAge',
  'femaleHead',
  'childHead',
  'elderlyHead',
  'displacement',
  'vulnerabilityScore',
  'vulnerabilityCriteria',
] as const satisfies readonly FactName[];

// Every fact name must be listed above: this fails to compile when FactName gains one.
type Missing = Exclude<FactName, (typeof FACT_NAMES)[number]>;
const _allFactsListed: Missing extends never ? true : Missing = true;
void _allFactsListed;

const factTestSchema = z
  .object({
    fact: z.enum(FACT_NAMES),
    eq: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z
      .array(z.union([z.string(), z.number()]))
      .min(1)
      .optional(),
    gte: z.number().optional(),
    gt: z.number().optional(),
    lte: z.number().optional(),
    lt: z.number().optional(),
    missing: z.boolean().optional(),
  })
  .strict()
  .refine((test) => Object.keys(test).length > 1, { message: 'A fact test needs at least one comparison' });

const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    factTestSchema,
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
) as z.ZodType<Condition>;

const templateSchema = z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict();
const outcomeSchema = z.enum(['ELIGIBLE', 'INELIGIBLE', 'REVIEW']);
const phasesSchema = z.array(z.object({ min: z.number().min(0), phase: z.int().min(1) }).strict()).min(1);
const weight = z.number().min(0);

/**
 * A published eligibility rule set (config/eligibility-rules.v*.json or CONFIG_TABLE). Validated
 * when loaded, so a programme's edit that the interpreter could not read is refused at once.
 */
export const eligibilityRuleSetSchema = z
  .object({
    version: z.string().min(1).max(60),
    fcs: z
      .object({
        weights: z
          .object({
            staples: weight,
            pulses: weight,
            meatFish: weight,
            vegetables: weight,
            fruit: weight,
            dairy: weight,
            oil: weight,
            sugar: weight,
          })
          .strict(),
        thresholds: z.object({ poorMax: z.number(), borderlineMax: z.number() }).strict(),
      })
      .strict()
      .refine((fcs) => fcs.thresholds.poorMax < fcs.thresholds.borderlineMax, {
        message: 'poorMax must be below borderlineMax',
        path: ['thresholds'],
      }),
    rcsi: z.object({ phases: phasesSchema }).strict(),
    hhs: z.object({ phases: phasesSchema }).strict(),
    ages: z.object({ childHeadMaxAge: z.int().min(0), elderlyMinAge: z.int().min(1) }).strict(),
    vulnerability: z.array(
      z
        .object({ code: z.string().regex(/^[A-Z0-9_]+$/), when: conditionSchema, points: z.number() })
        .strict(),
    ),
    rules: z
      .array(
        z
          .object({
            reason: z.string().regex(/^[A-Z0-9_]+$/),
            when: conditionSchema,
            explain: z.array(z.enum(FACT_NAMES)).optional(),
            outcome: outcomeSchema,
            message: templateSchema,
          })
          .strict(),
      )
      .min(1),
    otherwise: z
      .object({ outcome: outcomeSchema, reason: z.string().regex(/^[A-Z0-9_]+$/), message: templateSchema })
      .strict(),
  })
  .strict() satisfies z.ZodType<EligibilityRuleSet>;

/** Parses and checks a rule set document; throws a ZodError naming each problem. */
export function loadEligibilityRuleSet(document: unknown): EligibilityRuleSet {
  return eligibilityRuleSetSchema.parse(document) as EligibilityRuleSet;
}
