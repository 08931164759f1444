import type { GbvSettings } from './gbv-settings.ts';
import type { IncidentType } from './vocabulary.ts';

const HOUR_MS = 3_600_000;

/**
 * The latest instant an incident date can mean. A date without a time could be any moment of that
 * day; taking its end errs towards urgency, since a missed PEP window cannot be made up.
 */
export function latestIncidentInstant(incidentDate: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(incidentDate)) return new Date(`${incidentDate}T23:59:59.999Z`);
  return new Date(incidentDate);
}

/**
 * Whether a case needs an urgent health referral first: an incident type in the rule (rape,
 * sexual assault) reported within the window (72 h) of the incident.
 */
export function needsUrgentHealthReferral(
  gbvCase: { incidentType: IncidentType; incidentDate: string; reportedAt: string },
  rule: GbvSettings['urgentHealth'],
): boolean {
  if (!rule.incidentTypes.includes(gbvCase.incidentType)) return false;
  const elapsedMs =
    new Date(gbvCase.reportedAt).getTime() - latestIncidentInstant(gbvCase.incidentDate).getTime();
  return elapsedMs <= rule.windowHours * HOUR_MS;
}
