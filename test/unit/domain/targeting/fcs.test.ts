import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FCS_HIGH_OIL_SUGAR_THRESHOLDS,
  fcsCategory,
  foodConsumptionScore,
} from '../../../../functions/domain/targeting/fcs.ts';
import { NO_FOOD } from '../../../fixtures/domain/households.ts';

const day = fc.integer({ min: 0, max: 7 });
const anyDays = fc.record({
  staples: day,
  pulses: day,
  meatFish: day,
  vegetables: day,
  fruit: day,
  dairy: day,
  oil: day,
  sugar: day,
});

describe('foodConsumptionScore', () => {
  it('weights each group (staples 2, pulses 3, meat 4, vegetables 1, fruit 1, dairy 4, oil and sugar 0.5)', () => {
    expect(foodConsumptionScore({ ...NO_FOOD, staples: 1 })).toBe(2);
    expect(foodConsumptionScore({ ...NO_FOOD, pulses: 1 })).toBe(3);
    expect(foodConsumptionScore({ ...NO_FOOD, meatFish: 1 })).toBe(4);
    expect(foodConsumptionScore({ ...NO_FOOD, vegetables: 1 })).toBe(1);
    expect(foodConsumptionScore({ ...NO_FOOD, fruit: 1 })).toBe(1);
    expect(foodConsumptionScore({ ...NO_FOOD, dairy: 1 })).toBe(4);
    expect(foodConsumptionScore({ ...NO_FOOD, oil: 1 })).toBe(0.5);
    expect(foodConsumptionScore({ ...NO_FOOD, sugar: 1 })).toBe(0.5);
  });

  it('reaches 112 when every group is eaten every day', () => {
    const everyDay = Object.fromEntries(Object.keys(NO_FOOD).map((k) => [k, 7])) as typeof NO_FOOD;
    expect(foodConsumptionScore(everyDay)).toBe(112);
  });

  it('stays within 0–112 and on half points for any answers', () => {
    fc.assert(
      fc.property(anyDays, (days) => {
        const score = foodConsumptionScore(days);
        return score >= 0 && score <= 112 && Number.isInteger(score * 2);
      }),
    );
  });

  it('never decreases when a group is eaten on one more day', () => {
    fc.assert(
      fc.property(
        anyDays,
        fc.constantFrom(...(Object.keys(NO_FOOD) as (keyof typeof NO_FOOD)[])),
        (days, group) => {
          const more = { ...days, [group]: Math.min(7, days[group] + 1) };
          return foodConsumptionScore(more) >= foodConsumptionScore(days);
        },
      ),
    );
  });
});

describe('fcsCategory', () => {
  it.each([
    [0, 'POOR'],
    [21, 'POOR'],
    [21.5, 'BORDERLINE'],
    [35, 'BORDERLINE'],
    [35.5, 'ACCEPTABLE'],
    [112, 'ACCEPTABLE'],
  ])('classes %s as %s under the 21/35 thresholds', (score, category) => {
    expect(fcsCategory(score)).toBe(category);
  });

  it.each([
    [28, 'POOR'],
    [28.5, 'BORDERLINE'],
    [42, 'BORDERLINE'],
    [42.5, 'ACCEPTABLE'],
  ])('classes %s as %s under the 28/42 variant', (score, category) => {
    expect(fcsCategory(score, FCS_HIGH_OIL_SUGAR_THRESHOLDS)).toBe(category);
  });

  it('classes a real diet at the edge: staples and vegetables daily is 21, one day of oil more is 21.5', () => {
    const edge = { ...NO_FOOD, staples: 7, vegetables: 7 };
    expect(fcsCategory(foodConsumptionScore(edge))).toBe('POOR');
    expect(fcsCategory(foodConsumptionScore({ ...edge, oil: 1 }))).toBe('BORDERLINE');
  });
});
