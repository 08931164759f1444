import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcileCount } from '../../../../functions/domain/stock/physical-count.ts';
import {
  applyMovement,
  InvalidMovementError,
  ledgerInvariantHolds,
  reconcile,
  reconcileByKitType,
  StockBelowZeroError,
} from '../../../../functions/domain/stock/reconcile.ts';
import {
  EMPTY_BALANCE,
  type MovementType,
  type StockMovement,
} from '../../../../functions/domain/stock/stock-movement.ts';

const at = '2026-03-01T08:00:00Z';
const m = (type: MovementType, quantity: number, kitType = 'FOOD'): StockMovement => ({
  type,
  quantity,
  kitType,
  at,
});

describe('reconcile', () => {
  it('moves kits between available, reserved and distributed', () => {
    const balance = reconcile([
      m('RECEIPT', 100),
      m('RESERVATION', 30),
      m('ISSUE', 20),
      m('RELEASE', 5),
      m('LOSS', 2),
    ]);
    expect(balance).toEqual({
      available: 73,
      reserved: 5,
      distributed: 20,
      received: 100,
      lost: 2,
      adjusted: 0,
    });
    expect(ledgerInvariantHolds(balance)).toBe(true);
  });

  it('refuses a reservation beyond what is available, an issue beyond what is reserved, a loss beyond available', () => {
    expect(() => reconcile([m('RECEIPT', 10), m('RESERVATION', 11)])).toThrow(StockBelowZeroError);
    expect(() => reconcile([m('RECEIPT', 10), m('RESERVATION', 5), m('ISSUE', 6)])).toThrow(
      StockBelowZeroError,
    );
    expect(() => reconcile([m('RECEIPT', 10), m('RESERVATION', 5), m('RELEASE', 6)])).toThrow(
      StockBelowZeroError,
    );
    expect(() => reconcile([m('RECEIPT', 10), m('RESERVATION', 5), m('LOSS', 6)])).toThrow(
      StockBelowZeroError,
    );
    expect(reconcile([m('RECEIPT', 10), m('RESERVATION', 10)]).available).toBe(0);
  });

  it('explains a refusal in French and English with a status and code, naming no person', () => {
    let caught: unknown;
    try {
      reconcile([m('RECEIPT', 1), m('RESERVATION', 2)]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StockBelowZeroError);
    const error = caught as StockBelowZeroError;
    expect({ status: error.status, code: error.code, name: error.name }).toEqual({
      status: 409,
      code: 'STOCK_INSUFFICIENT',
      name: 'StockBelowZeroError',
    });
    expect(error.messageIn('fr')).toBe('Stock insuffisant : RESERVATION de 2 FOOD refusé.');
    expect(error.balance.available).toBe(1);
  });

  it('refuses zero, negative and fractional quantities (adjustments may be negative, not zero)', () => {
    for (const bad of [m('RECEIPT', 0), m('RECEIPT', -1), m('RECEIPT', 1.5), m('COUNT_ADJUSTMENT', 0)])
      expect(() => applyMovement(EMPTY_BALANCE, bad)).toThrow(InvalidMovementError);
    expect(
      applyMovement({ ...EMPTY_BALANCE, available: 3, received: 3 }, m('COUNT_ADJUSTMENT', -2)).available,
    ).toBe(1);
  });

  it('keeps kit types apart', () => {
    const balances = reconcileByKitType([
      m('RECEIPT', 10, 'FOOD'),
      m('RECEIPT', 4, 'HYGIENE'),
      m('RESERVATION', 3, 'HYGIENE'),
    ]);
    expect(balances['FOOD']?.available).toBe(10);
    expect(balances['HYGIENE']).toMatchObject({ available: 1, reserved: 3 });
  });

  it('holds receipts − issues − reserved − losses = available (net of adjustments) for any valid ledger', () => {
    const movement = fc.record({
      type: fc.constantFrom<MovementType>(
        'RECEIPT',
        'RESERVATION',
        'ISSUE',
        'RELEASE',
        'LOSS',
        'COUNT_ADJUSTMENT',
      ),
      quantity: fc.integer({ min: 1, max: 20 }),
      negative: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 80 }), (draws) => {
        let balance = EMPTY_BALANCE;
        for (const draw of draws) {
          const quantity = draw.type === 'COUNT_ADJUSTMENT' && draw.negative ? -draw.quantity : draw.quantity;
          try {
            balance = applyMovement(balance, m(draw.type, quantity));
          } catch (error) {
            if (!(error instanceof StockBelowZeroError)) throw error; // refused: the ledger is unchanged
          }
          if (!ledgerInvariantHolds(balance) || balance.available < 0 || balance.reserved < 0) return false;
        }
        return true;
      }),
    );
  });
});

describe('reconcileCount', () => {
  const balance = reconcile([m('RECEIPT', 100), m('RESERVATION', 30), m('ISSUE', 10)]); // available 70, reserved 20

  it('expects available plus reserved on the shelf and adds nothing when the count agrees', () => {
    expect(reconcileCount(balance, { kitType: 'FOOD', counted: 90, countedAt: at })).toEqual({
      expected: 90,
      counted: 90,
      reservedShortfall: 0,
    });
  });

  it('produces a negative adjustment for missing kits and a positive one for extra kits', () => {
    const short = reconcileCount(balance, {
      kitType: 'FOOD',
      counted: 85,
      countedAt: at,
      reference: 'COUNT-1',
    });
    expect(short.adjustment).toEqual({
      type: 'COUNT_ADJUSTMENT',
      kitType: 'FOOD',
      quantity: -5,
      at,
      reference: 'COUNT-1',
    });
    const after = applyMovement(balance, short.adjustment!);
    expect(after.available + after.reserved).toBe(85);
    expect(ledgerInvariantHolds(after)).toBe(true);
    expect(
      reconcileCount(balance, { kitType: 'FOOD', counted: 93, countedAt: at }).adjustment?.quantity,
    ).toBe(3);
  });

  it('never takes available below zero: a count below the reservations reports the shortfall', () => {
    const result = reconcileCount(balance, { kitType: 'FOOD', counted: 15, countedAt: at });
    expect(result.adjustment?.quantity).toBe(-70);
    expect(result.reservedShortfall).toBe(5);
    expect(applyMovement(balance, result.adjustment!).available).toBe(0);
  });
});
