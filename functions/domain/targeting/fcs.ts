import type { FcsDays } from '../household/household.ts';

/** Weight of each food group in the Food Consumption Score (WFP). */
export type FcsWeights = Record<keyof FcsDays, number>;

/** Standard WFP weights; the maximum score is 112. */
export const FCS_STANDARD_WEIGHTS: FcsWeights = {
  staples: 2,
  pulses: 3,
  meatFish: 4,
  vegetables: 1,
  fruit: 1,
  dairy: 4,
  oil: 0.5,
  sugar: 0.5,
};

/** Inclusive upper bounds of the poor and borderline bands. */
export interface FcsThresholds {
  poorMax: number;
  borderlineMax: number;
}

/** Standard thresholds: poor ≤ 21, borderline 21.5–35, acceptable > 35. */
export const FCS_STANDARD_THRESHOLDS: FcsThresholds = { poorMax: 21, borderlineMax: 35 };
/** Where oil and sugar are eaten almost daily: poor ≤ 28, borderline 28.5–42, acceptable > 42. */
export const FCS_HIGH_OIL_SUGAR_THRESHOLDS: FcsThresholds = { poorMax: 28, borderlineMax: 42 };

export type FcsCategory = 'POOR' | 'BORDERLINE' | 'ACCEPTABLE';

/** Weighted sum of days per group; days are clamped to 0–7 because a group counts at most daily. */
export function foodConsumptionScore(days: FcsDays, weights: FcsWeights = FCS_STANDARD_WEIGHTS): number {
  let score = 0;
  for (const group of Object.keys(weights) as (keyof FcsDays)[]) {
    score += Math.min(7, Math.max(0, days[group])) * weights[group];
  }
  return score;
}

/** Band of a score under the given thresholds. */
export function fcsCategory(score: number, thresholds: FcsThresholds = FCS_STANDARD_THRESHOLDS): FcsCategory {
  if (score <= thresholds.poorMax) return 'POOR';
  if (score <= thresholds.borderlineMax) return 'BORDERLINE';
  return 'ACCEPTABLE';
}
