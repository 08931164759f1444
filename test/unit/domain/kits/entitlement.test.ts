import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeEntitlement } from '../../../../functions/domain/kits/entitlement.ts';
import { aHousehold } from '../../../fixtures/domain/households.ts';
import { shippedKitCatalog } from '../../../fixtures/domain/kit-catalog.ts';

const catalog = shippedKitCatalog();
const round = { roundId: '2026-R1', rationDays: 30 };
const withMembers = (total: number, womenAndGirls12to49: number) =>
  aHousehold({ members: { total, womenAndGirls12to49, childrenUnder5: 0 } });

describe('computeEntitlement with the shipped catalog', () => {
  it('gives a household of 5 for 30 days one food kit, one hygiene kit, soap per person and a dignity kit per woman', () => {
    expect(computeEntitlement(withMembers(5, 2), round, catalog)).toEqual([
      { kitType: 'FOOD', quantity: 1 },
      { kitType: 'HYGIENE', quantity: 1 },
      { kitType: 'SOAP', quantity: 5 },
      { kitType: 'DIGNITY', quantity: 2 },
    ]);
  });

  it('scales food with household size and ration days, rounding up at each kit boundary', () => {
    const food = (total: number, rationDays: number) =>
      computeEntitlement(withMembers(total, 0), { roundId: 'r', rationDays }, catalog).find(
        (l) => l.kitType === 'FOOD',
      )?.quantity;
    expect(food(5, 30)).toBe(1);
    expect(food(6, 30)).toBe(2);
    expect(food(10, 30)).toBe(2);
    expect(food(11, 30)).toBe(3);
    expect(food(5, 60)).toBe(2);
    expect(food(1, 15)).toBe(1);
  });

  it('gives soap per person per started month', () => {
    const soap = (rationDays: number) =>
      computeEntitlement(withMembers(4, 0), { roundId: 'r', rationDays }, catalog).find(
        (l) => l.kitType === 'SOAP',
      )?.quantity;
    expect(soap(30)).toBe(4);
    expect(soap(31)).toBe(8);
    expect(soap(60)).toBe(8);
  });

  it('leaves out the dignity kit when no woman or girl is 12–49', () => {
    expect(computeEntitlement(withMembers(3, 0), round, catalog).map((l) => l.kitType)).not.toContain(
      'DIGNITY',
    );
  });

  it('hands out only the kits of the round when the round names them', () => {
    expect(computeEntitlement(withMembers(5, 1), { ...round, kitTypes: ['DIGNITY'] }, catalog)).toEqual([
      { kitType: 'DIGNITY', quantity: 1 },
    ]);
  });

  it('always feeds every person-day of the round: kits × 150 ≥ members × days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 120 }), (total, rationDays) => {
        const food = computeEntitlement(withMembers(total, 0), { roundId: 'r', rationDays }, catalog)[0]!;
        return food.quantity * 150 >= total * rationDays && (food.quantity - 1) * 150 < total * rationDays;
      }),
    );
  });
});
