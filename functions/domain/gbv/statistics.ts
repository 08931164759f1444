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
 * The months whose reported cases are counted, YYYY-MM, both inclusive; an absent end is open. A
 * case's month is the month part of `reportedAt` as recorded, the one the month dimension groups by.
 *
 * Months, not days: two periods a day apart would differ by that day's cases, and subtracting one
 * answer from the other would show the incident type, commune and services of a survivor who
 * reported that day. See `gbvStatistics` for periods of several months.
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
  const month = reportedAt.slice(0, 7);
  return (
    (period.from === undefined || period.from <= month) && (period.to === undefined || month <= period.to)
  );
}

const dimensionKeys: Record<StatisticsDimension, (record: StatisticsRecord) => readonly string[]> = {
  incidentType: (r) => [r.incidentType],
  month: (r) => [r.reportedAt.slice(0, 7)],
  commune: (r) => [r.commune],
  service: (r) => [...new Set(r.services)],
};
const dimensionNames = Object.keys(dimensionKeys) as StatisticsDimension[];

/**
 * Counts cases by incident type, month reported, commune and service, over cases reported in the
 * period whose survivor consented to statistics use. No total is published.
 *
 * Each month is released on its own: counts below `minimumCount` are suppressed, and when one
 * cell alone would be suppressed in a dimension, the next smallest is suppressed too, so it cannot
 * be recovered by subtraction from another dimension's total. A period of several months adds up
 * those monthly releases: a cell shows the sum of its monthly counts, or is suppressed when any
 * of them was. Every figure of any period is thus a sum of figures the single months already
 * show, and comparing two periods tells nothing that the months do not.
 */
export function gbvStatistics(
  records: readonly StatisticsRecord[],
  minimumCount = 5,
  period: StatisticsPeriod = {},
): GbvStatistics {
  const byMonth = new Map<string, StatisticsRecord[]>();
  for (const record of records) {
    if (!record.statisticsConsent || !reportedWithin(period, record.reportedAt)) continue;
    const month = record.reportedAt.slice(0, 7);
    const monthRecords = byMonth.get(month);
    if (monthRecords) monthRecords.push(record);
    else byMonth.set(month, [record]);
  }
  const releases = [...byMonth.values()].map((monthRecords) => monthlyRelease(monthRecords, minimumCount));
  const dimensions = {} as Record<StatisticsDimension, StatisticsCell[]>;
  for (const dimension of dimensionNames) {
    const sums = new Map<string, number | null>();
    for (const release of releases)
      for (const cell of release[dimension]) {
        const sum = sums.get(cell.key);
        sums.set(cell.key, cell.count === null || sum === null ? null : (sum ?? 0) + cell.count);
      }
    dimensions[dimension] = [...sums]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, count]) => ({ key, count, suppressed: count === null }));
  }
  return { minimumCount, period: { from: period.from ?? null, to: period.to ?? null }, dimensions };
}

/** One month's counts per dimension, suppressed within the month. */
function monthlyRelease(
  records: readonly StatisticsRecord[],
  minimumCount: number,
): Record<StatisticsDimension, StatisticsCell[]> {
  const release = {} as Record<StatisticsDimension, StatisticsCell[]>;
  for (const dimension of dimensionNames) {
    const counts = new Map<string, number>();
    for (const record of records)
      for (const key of dimensionKeys[dimension](record)) counts.set(key, (counts.get(key) ?? 0) + 1);
    release[dimension] = suppress([...counts.entries()], minimumCount);
  }
  return release;
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
