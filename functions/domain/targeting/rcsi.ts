/** Days (0–7) in the last 7 on which the household used each coping strategy. */
export interface RcsiDays {
  lessPreferredFood: number;
  borrowFood: number;
  limitPortions: number;
  restrictAdults: number;
  reduceMeals: number;
}

export type RcsiWeights = Record<keyof RcsiDays, number>;

/** Universal rCSI weights; the range is 0–56. */
export const RCSI_STANDARD_WEIGHTS: RcsiWeights = {
  lessPreferredFood: 1,
  borrowFood: 2,
  limitPortions: 1,
  restrictAdults: 3,
  reduceMeals: 1,
};

/** A phase band: scores from `min` (inclusive) up to the next band's min. */
export interface PhaseBand {
  min: number;
  phase: number;
}

/** Cadre Harmonisé rCSI bands: 0–3 → 1, 4–18 → 2, ≥ 19 → 3. */
export const RCSI_STANDARD_PHASES: readonly PhaseBand[] = [
  { min: 0, phase: 1 },
  { min: 4, phase: 2 },
  { min: 19, phase: 3 },
];

/** Weighted sum of strategy days (each clamped to 0–7). */
export function reducedCopingStrategiesIndex(
  days: RcsiDays,
  weights: RcsiWeights = RCSI_STANDARD_WEIGHTS,
): number {
  let score = 0;
  for (const strategy of Object.keys(weights) as (keyof RcsiDays)[]) {
    score += Math.min(7, Math.max(0, days[strategy])) * weights[strategy];
  }
  return score;
}

/** The phase of the highest band whose min the score reaches; bands need not be sorted. */
export function phaseOf(score: number, bands: readonly PhaseBand[]): number {
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  let phase = sorted[0]?.phase ?? 1;
  for (const band of sorted) if (score >= band.min) phase = band.phase;
  return phase;
}
