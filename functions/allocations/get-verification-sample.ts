import * as z from 'zod';
import { sampleForVerification } from '#domain/kits/verification-sample.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { distributionSettings } from './kit-config.ts';
import { kitDeps } from './kit-deps.ts';
import { roundPath } from './round-path.ts';

/**
 * GET /sites/{siteId}/rounds/{round}/verification-sample?size=: a seeded random sample of the
 * round's DISTRIBUTED allocations for follow-up calls. The seed is the site and round, so the
 * same list comes back every time (and can be audited); size defaults to configuration.
 */
export const handler = httpHandler({
  route: 'GET /sites/{siteId}/rounds/{round}/verification-sample',
  path: roundPath,
  query: z.strictObject({ size: z.coerce.number().int().min(1).max(1000).optional() }),
  core: async ({ path, query }) => {
    const distributed = await kitDeps().allocations.listRound(path.siteId, path.round, 'DISTRIBUTED');
    const size = query.size ?? distributionSettings().verificationSampleSize;
    const sample = new Set(
      sampleForVerification(
        distributed.map((allocation) => allocation.allocationId),
        size,
        `${path.siteId}#${path.round}`,
      ),
    );
    return {
      siteId: path.siteId,
      round: path.round,
      population: distributed.length,
      size: sample.size,
      allocations: distributed
        .filter((allocation) => sample.has(allocation.allocationId))
        .map((allocation) => ({
          allocationId: allocation.allocationId,
          householdId: allocation.householdId,
          verification: allocation.verification?.outcome ?? null,
        })),
    };
  },
});
