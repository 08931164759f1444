import type { IncidentType, ServiceType } from './vocabulary.ts';

/** What statistics may read of a case: no survivor code, no partner, no identifying detail. */
export interface StatisticsRecord {
  incidentType: IncidentType;
  reportedAt: string;
  commune: string;
  services: readonly ServiceType[];
  statisticsConsent: boolean;
}

export type StatisticsDimension = 'incidentType' | 'month' | 'commune' | 'service';

/** One cell: a count, or null when suppressed. */
export interface StatisticsCell {
  key: string;
  count: number | null;
  suppressed: boolean;
}

/**
 * The days whose reported cases are counted, YYYY-MM-DD, both inclusive; an absent end is open.
 * A case's day is the date part of `reportedAt` as recorded, the same the month dimension groups
 * by, so a period of whole months counts exactly what those months' cells count.
 */
export interface StatisticsPeriod {
  from?: string | undefined;
  to?: string | undefined;
}

/** Shareable statistics: counts per dimension, small ones suppressed. */
export interface GbvStatistics {
  minimumCount: number;
  period: { from: string | null; to: string | null };
  dimensions: Record<StatisticsDimension, StatisticsCell[]>;
}

/** Whether a case reported at `reportedAt` falls in the period. */
export function reportedWithin(period: StatisticsPeriod, reportedAt: string): boolean {
  const day = reportedAt.slice(0, 10);
  return (period.from === undefined || period.from <= day) && (period.to === undefined || day <= period.to);
}

/**
 * Counts cases by incident type, month reported, commune and service, over cases reported in the
 * period whose survivor consented to statistics use. Counts below `minimumCount` are suppressed; when one cell alone
 * would be suppressed in a dimension, the next smallest is suppressed too, so it cannot be
 * recovered by subtraction from another dimension's total. No total is published.
 */
export function gbvStatistics(
  records: readonly StatisticsRecord[],
  minimumCount = 5,
  period: StatisticsPeriod = {},
): GbvStatistics {
  // Suppression applies to the period's counts: the narrower the period, the more is hidden.
  const consented = records.filter(
    (record) => record.statisticsConsent && reportedWithin(period, record.reportedAt),
  );
  const keysOf: Record<StatisticsDimension, (record: StatisticsRecord) => readonly string[]> = {
    incidentType: (r) => [r.incidentType],
    month: (r) => [r.reportedAt.slice(0, 7)],
    commune: (r) => [r.commune],
    service: (r) => [...new Set(r.services)],
  };
  const dimensions = {} as Record<StatisticsDimension, StatisticsCell[]>;
  for (const dimension of Object.keys(keysOf) as StatisticsDimension[]) {
    const counts = new Map<string, number>();
    for (const record of consented)
      for (const key of keysOf[dimension](record)) counts.set(key, (counts.get(key) ?? 0) + 1);
    dimensions[dimension] = suppress([...counts.entries()], minimumCount);
  }
  return { minimumCount, period: { from: period.from ?? null, to: period.to ?? null }, dimensions };
}

function suppress(counts: [string, number][], minimumCount: number): StatisticsCell[] {
  const hidden = new Set(counts.filter(([, count]) => count < minimumCount).map(([key]) => key));
  if (hidden.size === 1) {
    const smallestVisible = counts.filter(([key]) => !hidden.has(key)).sort((a, b) => a[1] - b[1])[0];
    if (smallestVisible) hidden.add(smallestVisible[0]);
  }
  return counts
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => ({ key, count: hidden.has(key) ? null : count, suppressed: hidden.has(key) }));
}
