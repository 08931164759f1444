import { describe, expect, it } from 'vitest';
import {
  followUpPlan,
  isFollowUpOverdue,
  nextFollowUpDue,
  secondsUntil,
} from '../../../../functions/domain/gbv/follow-up-schedule.ts';
import {
  isResponseOverdue,
  responseDueAt,
  timeframeSeconds,
} from '../../../../functions/domain/gbv/response-timeframe.ts';
import { generateSurvivorCode, isSurvivorCode } from '../../../../functions/domain/gbv/survivor-code.ts';
import { cryptoRandom } from '../../../../functions/domain/ports/random.ts';
import { shippedGbvSettings } from '../../../fixtures/domain/gbv.ts';

const settings = shippedGbvSettings();
const t0 = new Date('2026-03-14T10:00:00Z');
const plus = (ms: number) => new Date(t0.getTime() + ms);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('generateSurvivorCode', () => {
  it('makes well-formed, distinct codes that carry nothing of the survivor', () => {
    const codes = Array.from({ length: 2000 }, () => generateSurvivorCode(cryptoRandom));
    for (const code of codes) expect(isSurvivorCode(code)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('rejects a code with one symbol changed', () => {
    const code = generateSurvivorCode(cryptoRandom);
    const changed = code.slice(0, 3) + (code[3] === '3' ? '4' : '3') + code.slice(4);
    expect(isSurvivorCode(changed)).toBe(false);
    expect(isSurvivorCode('Awa Traoré')).toBe(false);
  });
});

describe('response timeframes', () => {
  it.each([
    ['PT1H', HOUR],
    ['PT3H', 3 * HOUR],
    ['P1D', DAY],
    ['P3D', 3 * DAY],
  ] as const)('%s is due %s ms after sending, overdue just after', (timeframe, ms) => {
    expect(responseDueAt(t0, timeframe)).toEqual(plus(ms));
    expect(isResponseOverdue(t0, timeframe, plus(ms))).toBe(false);
    expect(isResponseOverdue(t0, timeframe, plus(ms + 1))).toBe(true);
    expect(timeframeSeconds(timeframe)).toBe(ms / 1000);
  });
});

describe('follow-up schedule', () => {
  it('uses the configured defaults: HIGH 24 h, MEDIUM 3 days, LOW 7 days, then every 14 days', () => {
    expect(settings.followUp).toEqual({
      firstWithinHours: { HIGH: 24, MEDIUM: 72, LOW: 168 },
      thenEveryDays: 14,
    });
    expect(followUpPlan('HIGH', t0, 3, settings.followUp)).toEqual([
      plus(DAY),
      plus(15 * DAY),
      plus(29 * DAY),
    ]);
    expect(followUpPlan('MEDIUM', t0, 2, settings.followUp)).toEqual([plus(3 * DAY), plus(17 * DAY)]);
    expect(followUpPlan('LOW', t0, 2, settings.followUp)).toEqual([plus(7 * DAY), plus(21 * DAY)]);
  });

  it('follows a programme schedule given as configuration', () => {
    const schedule = { firstWithinHours: { HIGH: 12, MEDIUM: 48, LOW: 96 }, thenEveryDays: 7 };
    expect(followUpPlan('HIGH', t0, 2, schedule)).toEqual([plus(12 * HOUR), plus(12 * HOUR + 7 * DAY)]);
  });

  it('counts from the last visit, and a planned visit can bring the next one forward, never push it back', () => {
    const lastVisitAt = plus(2 * DAY);
    expect(nextFollowUpDue({ riskLevel: 'LOW', openedAt: t0, lastVisitAt })).toEqual(plus(16 * DAY));
    expect(
      nextFollowUpDue({ riskLevel: 'LOW', openedAt: t0, lastVisitAt, plannedNextVisit: plus(5 * DAY) }),
    ).toEqual(plus(5 * DAY));
    expect(
      nextFollowUpDue({ riskLevel: 'LOW', openedAt: t0, lastVisitAt, plannedNextVisit: plus(30 * DAY) }),
    ).toEqual(plus(16 * DAY));
  });

  it('is overdue only after the due time, and gives the seconds left for a timer', () => {
    const due = plus(DAY);
    expect(isFollowUpOverdue(due, due)).toBe(false);
    expect(isFollowUpOverdue(due, plus(DAY + 1))).toBe(true);
    expect(secondsUntil(due, t0)).toBe(86_400);
    expect(secondsUntil(due, plus(2 * DAY))).toBe(0);
  });
});
