import { requireEnv } from '#shared/env.ts';

/**
 * A closed case's retention marker (`CASE#<caseId>` / `RETENTION`): written with the closure,
 * removed by DynamoDB's TTL once the retention period has passed. Its removal by the TTL service
 * (a stream record) is what starts the anonymization of the case.
 */
export const RETENTION_SK = 'RETENTION';

/** The protection table's TTL attribute (infra/data-stack.ts): epoch seconds. */
export const TTL_ATTRIBUTE = 'expiration';

/** Default retention of a closed case's details, when the deployment sets none (docs/SECURITY.md). */
export const DEFAULT_RETENTION_DAYS = 365;

const DAY_SECONDS = 86_400;

export const retentionMarkerKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: RETENTION_SK });

/** The marker item: expires `retentionDays` after the closure (fractions allowed, for short test retentions). */
export function retentionMarkerItem(caseId: string, closedAt: string, retentionDays: number) {
  const closedSeconds = Math.floor(Date.parse(closedAt) / 1000);
  return {
    ...retentionMarkerKey(caseId),
    caseId,
    closedAt,
    retentionDays,
    [TTL_ATTRIBUTE]: closedSeconds + Math.ceil(retentionDays * DAY_SECONDS),
  };
}

export class InvalidRetentionSettingError extends Error {
  constructor(value: string) {
    super(`GBV_RETENTION_DAYS must be a positive number of days, not "${value}"`);
    this.name = 'InvalidRetentionSettingError';
  }
}

/** The retention period in force (GBV_RETENTION_DAYS, set by infra from the `gbvRetentionDays` context). */
export function gbvRetentionDays(): number {
  const raw = requireEnv('GBV_RETENTION_DAYS');
  const days = Number(raw);
  if (!Number.isFinite(days) || days <= 0) throw new InvalidRetentionSettingError(raw);
  return days;
}
