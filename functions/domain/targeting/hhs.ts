import type { PhaseBand } from './rcsi.ts';

/** How often a hunger experience happened in the last 30 days. */
export type HhsFrequency = 'NEVER' | 'RARELY' | 'SOMETIMES' | 'OFTEN';

/** Answers to the three HHS questions: no food in the house, slept hungry, a whole day and night without eating. */
export interface HhsAnswers {
  noFood: HhsFrequency;
  sleptHungry: HhsFrequency;
  wholeDayWithoutFood: HhsFrequency;
}

const FREQUENCY_SCORE: Record<HhsFrequency, number> = { NEVER: 0, RARELY: 1, SOMETIMES: 1, OFTEN: 2 };

/** HHS score 0–6: rarely or sometimes count 1, often counts 2. */
export function householdHungerScore(answers: HhsAnswers): number {
  return (
    FREQUENCY_SCORE[answers.noFood] +
    FREQUENCY_SCORE[answers.sleptHungry] +
    FREQUENCY_SCORE[answers.wholeDayWithoutFood]
  );
}

export type HhsCategory = 'LITTLE' | 'MODERATE' | 'SEVERE';

/** 0–1 little, 2–3 moderate, ≥ 4 severe hunger. */
export function hhsCategory(score: number): HhsCategory {
  if (score <= 1) return 'LITTLE';
  if (score <= 3) return 'MODERATE';
  return 'SEVERE';
}

/** Cadre Harmonisé HHS bands: 0 → 1, 1 → 2, 2–3 → 3, 4 → 4, ≥ 5 → 5. */
export const HHS_CADRE_HARMONISE_PHASES: readonly PhaseBand[] = [
  { min: 0, phase: 1 },
  { min: 1, phase: 2 },
  { min: 2, phase: 3 },
  { min: 4, phase: 4 },
  { min: 5, phase: 5 },
];
