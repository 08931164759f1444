import { gbvStatistics } from '#domain/gbv/statistics.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { gbvSettings } from './gbv-config.ts';
import { gbvDeps } from './gbv-deps.ts';

/**
 * GET /gbv/stats (supervisor): counts by incident type, month reported, commune and service over
 * cases whose survivor consented to statistics use; no survivor code, no partner, counts under
 * the configured minimum (5) suppressed. Audited.
 */
export const handler = httpHandler({
  route: 'GET /gbv/stats',
  core: async (_input, context) => {
    const { store, audit } = gbvDeps();
    const cases = await store.allCases();
    await audit.record({
      ...context.actor,
      action: 'gbv-stats.read',
      entityType: 'gbv-stats',
      entityId: 'all',
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
    );
  },
});
