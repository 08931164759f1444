import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closureProblems } from '../../../../functions/domain/gbv/closure.ts';
import { gbvStatistics, type StatisticsRecord } from '../../../../functions/domain/gbv/statistics.ts';
import { INCIDENT_TYPES } from '../../../../functions/domain/gbv/vocabulary.ts';
import { shippedGbvSettings } from '../../../fixtures/domain/gbv.ts';

const settings = shippedGbvSettings();
const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('closureProblems', () => {
  it('allows "no contact" only after more than 30 days without contact', () => {
    const request = { reason: 'NO_CONTACT' as const };
    expect(
      closureProblems(request, { lastContactAt: daysAgo(30), pendingReferrals: 0 }, now, settings),
    ).toEqual(['CONTACT_TOO_RECENT']);
    expect(
      closureProblems(request, { lastContactAt: daysAgo(30.01), pendingReferrals: 0 }, now, settings),
    ).toEqual([]);
  });

  it('refuses "needs met" with referrals pending, but lets the survivor close or move', () => {
    const facts = { lastContactAt: daysAgo(1), pendingReferrals: 1 };
    expect(closureProblems({ reason: 'NEEDS_MET' }, facts, now, settings)).toEqual(['REFERRALS_PENDING']);
    expect(closureProblems({ reason: 'SURVIVOR_REQUEST' }, facts, now, settings)).toEqual([]);
    expect(closureProblems({ reason: 'MOVED' }, facts, now, settings)).toEqual([]);
    expect(closureProblems({ reason: 'TRANSFERRED' }, facts, now, settings)).toEqual([]);
  });
});

const record = (overrides: Partial<StatisticsRecord> = {}): StatisticsRecord => ({
  incidentType: 'PHYSICAL_ASSAULT',
  reportedAt: '2026-03-14T10:00:00Z',
  commune: 'ML0506',
  services: ['PSYCHOSOCIAL'],
  statisticsConsent: true,
  ...overrides,
});
const times = (n: number, overrides: Partial<StatisticsRecord> = {}) =>
  Array.from({ length: n }, () => record(overrides));

describe('gbvStatistics', () => {
  it('counts by incident type, month, commune and service', () => {
    const stats = gbvStatistics([
      ...times(6),
      ...times(7, { incidentType: 'RAPE', services: ['HEALTH', 'PSYCHOSOCIAL'] }),
    ]);
    expect(stats.dimensions.incidentType).toEqual([
      { key: 'PHYSICAL_ASSAULT', count: 6, suppressed: false },
      { key: 'RAPE', count: 7, suppressed: false },
    ]);
    expect(stats.dimensions.month).toEqual([{ key: '2026-03', count: 13, suppressed: false }]);
    expect(stats.dimensions.service).toEqual([
      { key: 'HEALTH', count: 7, suppressed: false },
      { key: 'PSYCHOSOCIAL', count: 13, suppressed: false },
    ]);
  });

  it('suppresses counts under 5 (4 hidden, 5 shown)', () => {
    const stats = gbvStatistics([
      ...times(5),
      ...times(4, { commune: 'ML0501' }),
      ...times(3, { commune: 'ML0503' }),
    ]);
    expect(stats.dimensions.commune).toEqual([
      { key: 'ML0501', count: null, suppressed: true },
      { key: 'ML0503', count: null, suppressed: true },
      { key: 'ML0506', count: 5, suppressed: false },
    ]);
  });

  it('hides a second cell when one alone would be recoverable by subtraction', () => {
    const stats = gbvStatistics([
      ...times(9),
      ...times(6, { commune: 'ML0501' }),
      ...times(2, { commune: 'ML0503' }),
    ]);
    expect(stats.dimensions.commune.filter((cell) => cell.suppressed).map((cell) => cell.key)).toEqual([
      'ML0501',
      'ML0503',
    ]);
  });

  it('leaves out cases without statistics consent', () => {
    const stats = gbvStatistics([
      ...times(5),
      ...times(5, { statisticsConsent: false, incidentType: 'RAPE' }),
    ]);
    expect(stats.dimensions.incidentType.map((cell) => cell.key)).toEqual(['PHYSICAL_ASSAULT']);
  });

  it('never shows a count under the minimum, and no survivor code can appear', () => {
    const arbitraryRecord = fc.record({
      incidentType: fc.constantFrom(...INCIDENT_TYPES),
      reportedAt: fc.constantFrom('2026-01-05T00:00:00Z', '2026-02-05T00:00:00Z'),
      commune: fc.constantFrom('ML0501', 'ML0506'),
      services: fc.subarray(['HEALTH', 'LEGAL', 'SAFETY'] as const, { minLength: 1 }),
      statisticsConsent: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arbitraryRecord, { maxLength: 60 }), (records) => {
        const minimum = settings.statistics.minimumCount;
        const stats = gbvStatistics(records, minimum);
        const cells = Object.values(stats.dimensions).flat();
        const visibleOk = cells.every((cell) => cell.suppressed || (cell.count ?? 0) >= 5);
        // Within a month no cell is hidden alone; a longer period only adds up months (next test).
        const neverOneHidden = ['2026-01', '2026-02'].every((month) =>
          Object.values(gbvStatistics(records, minimum, { from: month, to: month }).dimensions).every(
            (dimension) => dimension.filter((cell) => cell.suppressed).length !== 1 || dimension.length === 1,
          ),
        );
        return visibleOk && neverOneHidden && !JSON.stringify(stats).includes('SV-');
      }),
    );
  });

  it('counts only cases reported in the months of the period, both inclusive, the month as recorded', () => {
    const stats = gbvStatistics(
      [
        ...times(5, { reportedAt: '2026-02-28T23:59:59Z' }),
        ...times(6, { reportedAt: '2026-03-01T00:00:00Z' }),
        // Recorded with its offset: the month is the one written, March.
        ...times(7, { reportedAt: '2026-03-31T23:30:00-01:00' }),
        ...times(8, { reportedAt: '2026-04-01T00:00:00Z' }),
      ],
      5,
      { from: '2026-03', to: '2026-03' },
    );
    expect(stats.period).toEqual({ from: '2026-03', to: '2026-03' });
    expect(stats.dimensions.month).toEqual([{ key: '2026-03', count: 13, suppressed: false }]);
    expect(gbvStatistics(times(5), 5).period).toEqual({ from: null, to: null });
    expect(gbvStatistics(times(5), 5, { from: '2026-04' }).dimensions.month).toEqual([]);
  });

  it('shows over several months only sums of what each month shows alone: comparing periods reveals nothing more', () => {
    const months = ['2026-01', '2026-02', '2026-03', '2026-04'];
    const arbitraryRecord = fc.record({
      incidentType: fc.constantFrom('RAPE', 'PHYSICAL_ASSAULT', 'FORCED_MARRIAGE' as const),
      reportedAt: fc.constantFrom(...months).map((month) => `${month}-15T10:00:00Z`),
      commune: fc.constantFrom('ML0501', 'ML0503', 'ML0506'),
      services: fc.subarray(['HEALTH', 'LEGAL', 'PSYCHOSOCIAL'] as const, { minLength: 1 }),
      statisticsConsent: fc.constant(true),
    });
    const period = fc
      .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
      .map(([a, b]) => ({ from: months[Math.min(a, b)]!, to: months[Math.max(a, b)]! }));
    fc.assert(
      fc.property(fc.array(arbitraryRecord, { maxLength: 120 }), period, (records, { from, to }) => {
        const range = gbvStatistics(records, 5, { from, to });
        const singles = months
          .filter((month) => from <= month && month <= to)
          .map((month) => gbvStatistics(records, 5, { from: month, to: month }));
        for (const [dimension, cells] of Object.entries(range.dimensions)) {
          for (const cell of cells) {
            const monthly = singles.flatMap(
              (single) =>
                single.dimensions[dimension as keyof typeof single.dimensions].find(
                  (c) => c.key === cell.key,
                ) ?? [],
            );
            const withheld = monthly.some((c) => c.suppressed);
            if (cell.suppressed !== withheld) return false;
            if (!withheld && cell.count !== monthly.reduce((sum, c) => sum + (c.count ?? 0), 0)) return false;
          }
        }
        return true;
      }),
    );
  });

  it('withholds a survivor that two periods a day apart would have shown', () => {
    // Before, [1, 26 November] minus [1, 25 November] gave the incident type, commune and
    // services of whoever reported on the 26th. Periods are months now; the month shows them
    // only in counts of 5 or more.
    const november = [
      ...times(6, { reportedAt: '2026-11-10T09:00:00Z' }),
      record({ reportedAt: '2026-11-26T09:00:00Z', incidentType: 'RAPE', commune: 'ML0501' }),
    ];
    const stats = gbvStatistics(november, 5, { from: '2026-11', to: '2026-11' });
    expect(stats.dimensions.incidentType.find((cell) => cell.key === 'RAPE')).toEqual({
      key: 'RAPE',
      count: null,
      suppressed: true,
    });
    expect(stats.dimensions.commune.find((cell) => cell.key === 'ML0501')?.suppressed).toBe(true);
  });
});

describe('GBV messages', () => {
  it('explains withheld services, closure problems and a blocked urgent referral in both languages', async () => {
    const { closureProblemMessage, urgentHealthBlockedMessage, withheldMessage } = await import(
      '../../../../functions/domain/gbv/messages.ts'
    );
    for (const lang of ['fr', 'en'] as const) {
      expect(withheldMessage('NO_CONSENT', lang)).toMatch(/consent/);
      expect(withheldMessage('NO_PARTNER_IN_AREA', lang).length).toBeGreaterThan(20);
      expect(closureProblemMessage('CONTACT_TOO_RECENT', lang).length).toBeGreaterThan(20);
      expect(closureProblemMessage('REFERRALS_PENDING', lang).length).toBeGreaterThan(20);
      expect(urgentHealthBlockedMessage(lang)).toMatch(/72/);
    }
    expect(withheldMessage('NO_CONSENT', 'fr')).not.toBe(withheldMessage('NO_CONSENT', 'en'));
  });
});
