import type { ResponseTimeframe } from './response-timeframe.ts';
import type { IncidentType, RiskLevel, ServiceType } from './vocabulary.ts';

/** Follow-up schedule by risk level: no standard fixes it, so it is configuration. */
export interface FollowUpSchedule {
  firstWithinHours: Record<RiskLevel, number>;
  thenEveryDays: number;
}

/** GBV case-management settings (config/gbv-settings.json). */
export interface GbvSettings {
  version: string;
  followUp: FollowUpSchedule;
  /** PEP must start within 72 h of a rape: such reports get an urgent health referral first. */
  urgentHealth: { incidentTypes: readonly IncidentType[]; windowHours: number; timeframe: ResponseTimeframe };
  /** Response timeframe of an ordinary referral, by service. */
  responseTimeframes: Record<ServiceType, ResponseTimeframe>;
  closure: { noContactDays: number };
  statistics: { minimumCount: number };
}

/** Defaults from the domain reference (high 24 h, medium 3 days, low 7 days, then every 14 days). */
export const DEFAULT_FOLLOW_UP_SCHEDULE: FollowUpSchedule = {
  firstWithinHours: { HIGH: 24, MEDIUM: 72, LOW: 168 },
  thenEveryDays: 14,
};
