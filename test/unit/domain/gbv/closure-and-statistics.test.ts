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
        const stats = gbvStatistics(records, settings.statistics.minimumCount);
        const cells = Object.values(stats.dimensions).flat();
        const visibleOk = cells.every((cell) => cell.suppressed || (cell.count ?? 0) >= 5);
        const neverOneHidden = Object.values(stats.dimensions).every(
          (dimension) => dimension.filter((cell) => cell.suppressed).length !== 1 || dimension.length === 1,
        );
        return visibleOk && neverOneHidden && !JSON.stringify(stats).includes('SV-');
      }),
    );
  });

  it('counts only cases reported in the period, both days inclusive, the day as recorded', () => {
    const stats = gbvStatistics(
      [
        ...times(5, { reportedAt: '2026-02-28T23:59:59Z' }),
        ...times(6, { reportedAt: '2026-03-01T00:00:00Z' }),
        // Recorded with its offset: the day and the month are the ones written, 31 March.
        ...times(7, { reportedAt: '2026-03-31T23:30:00-01:00' }),
        ...times(8, { reportedAt: '2026-04-01T00:00:00Z' }),
      ],
      5,
      { from: '2026-03-01', to: '2026-03-31' },
    );
    expect(stats.period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(stats.dimensions.month).toEqual([{ key: '2026-03', count: 13, suppressed: false }]);
    expect(gbvStatistics(times(5), 5).period).toEqual({ from: null, to: null });
    expect(gbvStatistics(times(5), 5, { from: '2026-03-15' }).dimensions.month).toEqual([]);
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
