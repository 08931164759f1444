/** Primero's service response timeframes, as ISO 8601 durations. */
export const RESPONSE_TIMEFRAMES = ['PT1H', 'PT3H', 'P1D', 'P3D'] as const;
export type ResponseTimeframe = (typeof RESPONSE_TIMEFRAMES)[number];

const HOUR_MS = 3_600_000;

/** Length of a timeframe in milliseconds. */
export const TIMEFRAME_MS: Record<ResponseTimeframe, number> = {
  PT1H: HOUR_MS,
  PT3H: 3 * HOUR_MS,
  P1D: 24 * HOUR_MS,
  P3D: 72 * HOUR_MS,
};

/** Due date of a referral response: the time the referral was sent plus its timeframe. */
export function responseDueAt(sentAt: Date, timeframe: ResponseTimeframe): Date {
  return new Date(sentAt.getTime() + TIMEFRAME_MS[timeframe]);
}

/** Whether a referral sent at `sentAt` is overdue at `now` without a response. */
export function isResponseOverdue(sentAt: Date, timeframe: ResponseTimeframe, now: Date): boolean {
  return now.getTime() > responseDueAt(sentAt, timeframe).getTime();
}

/** Seconds for a Step Functions callback timeout (TimeoutSeconds) of a timeframe. */
export function timeframeSeconds(timeframe: ResponseTimeframe): number {
  return TIMEFRAME_MS[timeframe] / 1000;
}
