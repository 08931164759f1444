import { gbvStatistics } from '#domain/gbv/statistics.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { gbvStatisticsQuerySchema } from '../schemas/gbv-statistics-query.ts';
import { gbvSettings } from './gbv-config.ts';
import { gbvDeps } from './gbv-deps.ts';

/**
 * GET /gbv/stats?from=YYYY-MM&to=YYYY-MM (supervisor): counts by incident type, month reported,
 * commune and service over cases reported in the period (whole months, both inclusive, either
 * optional) whose survivor consented to statistics use; no survivor code, no partner, counts under
 * the configured minimum (5) suppressed month by month (see gbvStatistics). Audited with the period.
 *
 * Every case is read and the period applied here: the statistics index (GSI1 `CASES`) sorts by
 * `openedAt`, and `reportedAt` is the caseworker's, so it bounds neither end of the query.
 */
export const handler = httpHandler({
  route: 'GET /gbv/stats',
  query: gbvStatisticsQuerySchema,
  core: async ({ query }, context) => {
    const { store, audit } = gbvDeps();
    const cases = await store.allCases();
    await audit.record({
      ...context.actor,
      action: 'gbv-stats.read',
      entityType: 'gbv-stats',
      entityId: 'all',
      relatedIds: {
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
      },
    });
    return gbvStatistics(
      cases.map((c) => ({
        incidentType: c.incidentType,
        reportedAt: c.reportedAt,
        commune: c.commune,
        services: c.servicesNeeded,
        statisticsConsent: c.statisticsConsent,
      })),
      gbvSettings().statistics.minimumCount,
      query,
    );
  },
});
