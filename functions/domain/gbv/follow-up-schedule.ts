import { DEFAULT_FOLLOW_UP_SCHEDULE, type FollowUpSchedule } from './gbv-settings.ts';
import type { RiskLevel } from './vocabulary.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * When the next follow-up is due. Before any visit: case opening plus the first interval of the
 * risk level. After a visit: the date the caseworker set for the next visit if any, otherwise
 * the last visit plus the regular interval — whichever comes first, so a planned visit never
 * pushes a follow-up beyond the schedule.
 */
export function nextFollowUpDue(
  input: { riskLevel: RiskLevel; openedAt: Date; lastVisitAt?: Date; plannedNextVisit?: Date },
  schedule: FollowUpSchedule = DEFAULT_FOLLOW_UP_SCHEDULE,
): Date {
  if (!input.lastVisitAt)
    return new Date(input.openedAt.getTime() + schedule.firstWithinHours[input.riskLevel] * HOUR_MS);
  const regular = input.lastVisitAt.getTime() + schedule.thenEveryDays * DAY_MS;
  const planned = input.plannedNextVisit?.getTime();
  return new Date(planned !== undefined ? Math.min(planned, regular) : regular);
}

/** The first `count` due dates when every visit happens exactly when due (for planning and display). */
export function followUpPlan(
  riskLevel: RiskLevel,
  openedAt: Date,
  count: number,
  schedule: FollowUpSchedule = DEFAULT_FOLLOW_UP_SCHEDULE,
): Date[] {
  const dates: Date[] = [];
  let lastVisitAt: Date | undefined;
  for (let i = 0; i < count; i++) {
    const due: Date = nextFollowUpDue(
      lastVisitAt ? { riskLevel, openedAt, lastVisitAt } : { riskLevel, openedAt },
      schedule,
    );
    dates.push(due);
    lastVisitAt = due;
  }
  return dates;
}

/** A follow-up is overdue once its due time has passed without a visit. */
export function isFollowUpOverdue(due: Date, now: Date): boolean {
  return now.getTime() > due.getTime();
}

/** Seconds from `now` until the due date (never negative): the Wait or callback timeout to use. */
export function secondsUntil(due: Date, now: Date): number {
  return Math.max(0, Math.ceil((due.getTime() - now.getTime()) / 1000));
}
