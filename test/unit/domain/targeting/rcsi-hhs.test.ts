import { describe, expect, it } from 'vitest';
import {
  HHS_CADRE_HARMONISE_PHASES,
  hhsCategory,
  householdHungerScore,
} from '../../../../functions/domain/targeting/hhs.ts';
import {
  phaseOf,
  RCSI_STANDARD_PHASES,
  reducedCopingStrategiesIndex,
} from '../../../../functions/domain/targeting/rcsi.ts';

const none = { lessPreferredFood: 0, borrowFood: 0, limitPortions: 0, restrictAdults: 0, reduceMeals: 0 };

describe('reducedCopingStrategiesIndex', () => {
  it('weights strategies 1, 2, 1, 3, 1', () => {
    expect(reducedCopingStrategiesIndex({ ...none, lessPreferredFood: 1 })).toBe(1);
    expect(reducedCopingStrategiesIndex({ ...none, borrowFood: 1 })).toBe(2);
    expect(reducedCopingStrategiesIndex({ ...none, limitPortions: 1 })).toBe(1);
    expect(reducedCopingStrategiesIndex({ ...none, restrictAdults: 1 })).toBe(3);
    expect(reducedCopingStrategiesIndex({ ...none, reduceMeals: 1 })).toBe(1);
  });

  it('tops out at 56 with every strategy daily', () => {
    const daily = {
      lessPreferredFood: 7,
      borrowFood: 7,
      limitPortions: 7,
      restrictAdults: 7,
      reduceMeals: 7,
    };
    expect(reducedCopingStrategiesIndex(daily)).toBe(56);
  });
});

describe('phaseOf with rCSI bands', () => {
  it.each([
    [0, 1],
    [3, 1],
    [4, 2],
    [18, 2],
    [19, 3],
    [56, 3],
  ])('rCSI %s is phase %s', (score, phase) => {
    expect(phaseOf(score, RCSI_STANDARD_PHASES)).toBe(phase);
  });

  it('does not depend on the order bands are listed in', () => {
    expect(phaseOf(19, [...RCSI_STANDARD_PHASES].reverse())).toBe(3);
  });
});

describe('householdHungerScore', () => {
  it('counts rarely and sometimes as 1, often as 2', () => {
    expect(
      householdHungerScore({ noFood: 'NEVER', sleptHungry: 'NEVER', wholeDayWithoutFood: 'NEVER' }),
    ).toBe(0);
    expect(
      householdHungerScore({ noFood: 'RARELY', sleptHungry: 'SOMETIMES', wholeDayWithoutFood: 'NEVER' }),
    ).toBe(2);
    expect(
      householdHungerScore({ noFood: 'OFTEN', sleptHungry: 'OFTEN', wholeDayWithoutFood: 'OFTEN' }),
    ).toBe(6);
  });

  it.each([
    [0, 'LITTLE'],
    [1, 'LITTLE'],
    [2, 'MODERATE'],
    [3, 'MODERATE'],
    [4, 'SEVERE'],
    [6, 'SEVERE'],
  ])('HHS %s is %s hunger', (score, category) => {
    expect(hhsCategory(score)).toBe(category);
  });

  it.each([
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 3],
    [4, 4],
    [5, 5],
    [6, 5],
  ])('HHS %s is Cadre Harmonisé phase %s', (score, phase) => {
    expect(phaseOf(score, HHS_CADRE_HARMONISE_PHASES)).toBe(phase);
  });
});
