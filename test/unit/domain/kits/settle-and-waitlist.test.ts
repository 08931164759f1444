import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  confirmationTimeoutSeconds,
  currentRound,
  type ScheduledRound,
} from '../../../../functions/domain/kits/distribution-settings.ts';
import {
  ConfirmationExceedsReservationError,
  settleAllocation,
} from '../../../../functions/domain/kits/settle-allocation.ts';
import { serveWaitlist } from '../../../../functions/domain/kits/waitlist.ts';
import { loadDistributionSettings } from '../../../../functions/schemas/config/distribution-settings.ts';

const reserved = [
  { kitType: 'FOOD', quantity: 2 },
  { kitType: 'HYGIENE', quantity: 1 },
  { kitType: 'DIGNITY', quantity: 2 },
];

describe('settleAllocation', () => {
  it('issues everything on DISTRIBUTED and releases everything on NOT_DISTRIBUTED', () => {
    expect(settleAllocation(reserved, { status: 'DISTRIBUTED' })).toEqual({ issue: reserved, release: [] });
    expect(settleAllocation(reserved, { status: 'NOT_DISTRIBUTED' })).toEqual({
      issue: [],
      release: reserved,
    });
  });

  it('issues only the confirmed kits of a partial distribution and releases the rest', () => {
    const kits = [
      { kitType: 'FOOD', quantity: 1 },
      { kitType: 'DIGNITY', quantity: 2 },
    ];
    expect(settleAllocation(reserved, { status: 'PARTIAL', kits })).toEqual({
      issue: [
        { kitType: 'FOOD', quantity: 1 },
        { kitType: 'DIGNITY', quantity: 2 },
      ],
      release: [
        { kitType: 'FOOD', quantity: 1 },
        { kitType: 'HYGIENE', quantity: 1 },
      ],
    });
  });

  it('refuses a confirmation of more than was reserved, or of a kit never reserved', () => {
    expect(() =>
      settleAllocation(reserved, { status: 'PARTIAL', kits: [{ kitType: 'FOOD', quantity: 3 }] }),
    ).toThrow(ConfirmationExceedsReservationError);
    expect(() =>
      settleAllocation(reserved, { status: 'PARTIAL', kits: [{ kitType: 'SOAP', quantity: 1 }] }),
    ).toThrow(ConfirmationExceedsReservationError);
  });

  it('loses nothing: issued plus released equals reserved for every kit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 0, max: 2 }),
        (f, h, d) => {
          const kits = [
            { kitType: 'FOOD', quantity: f },
            { kitType: 'HYGIENE', quantity: h },
            { kitType: 'DIGNITY', quantity: d },
          ].filter((line) => line.quantity > 0);
          const { issue, release } = settleAllocation(reserved, { status: 'PARTIAL', kits });
          return reserved.every((line) => {
            const sum = [...issue, ...release]
              .filter((l) => l.kitType === line.kitType)
              .reduce((s, l) => s + l.quantity, 0);
            return sum === line.quantity;
          });
        },
      ),
    );
  });
});

describe('serveWaitlist', () => {
  const waitlist = [
    { allocationId: 'a3', registeredAt: '2026-03-03T00:00:00Z', lines: [{ kitType: 'FOOD', quantity: 1 }] },
    { allocationId: 'a1', registeredAt: '2026-03-01T00:00:00Z', lines: [{ kitType: 'FOOD', quantity: 2 }] },
    {
      allocationId: 'a2',
      registeredAt: '2026-03-02T00:00:00Z',
      lines: [
        { kitType: 'FOOD', quantity: 1 },
        { kitType: 'DIGNITY', quantity: 1 },
      ],
    },
  ];

  it('serves in registration order, whole allocations only, skipping one whose kits did not arrive', () => {
    expect(serveWaitlist(waitlist, { FOOD: 3 })).toEqual({
      served: ['a1', 'a3'],
      stillWaiting: ['a2'],
      remaining: { FOOD: 0 },
    });
  });

  it('serves the earliest first when stock is short', () => {
    expect(serveWaitlist(waitlist, { FOOD: 2, DIGNITY: 1 }).served).toEqual(['a1']);
  });

  it('never hands out more than is available', () => {
    fc.assert(
      fc.property(fc.nat(10), fc.nat(3), (food, dignity) => {
        const { remaining } = serveWaitlist(waitlist, { FOOD: food, DIGNITY: dignity });
        return Object.values(remaining).every((left) => left >= 0);
      }),
    );
  });
});

describe('distribution settings', () => {
  const settings = loadDistributionSettings(
    JSON.parse(
      readFileSync(new URL('../../../../config/distribution-settings.json', import.meta.url), 'utf8'),
    ),
  );

  it('defaults to a 14-day confirmation timeout', () => {
    expect(settings.confirmationTimeoutDays).toBe(14);
    expect(confirmationTimeoutSeconds(settings)).toBe(1_209_600);
  });

  it('finds the round open on a date, edges included, and none between rounds', () => {
    expect(currentRound(settings.rounds, new Date('2026-05-31T23:00:00Z'))?.roundId).toBe('2026-R1');
    expect(currentRound(settings.rounds, new Date('2026-06-01T00:00:00Z'))?.roundId).toBe('2026-LEAN-1');
    expect(currentRound(settings.rounds, new Date('2027-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('prefers the round that opened last when rounds overlap', () => {
    const rounds: ScheduledRound[] = [
      { roundId: 'long', rationDays: 30, opensOn: '2026-01-01', closesOn: '2026-12-31' },
      { roundId: 'special', rationDays: 15, opensOn: '2026-04-01', closesOn: '2026-04-15' },
    ];
    expect(currentRound(rounds, new Date('2026-04-10T00:00:00Z'))?.roundId).toBe('special');
    expect(currentRound(rounds, new Date('2026-04-16T00:00:00Z'))?.roundId).toBe('long');
  });
});
