import { requireEnv } from '#shared/env.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { reply } from '#shared/http/reply.ts';
import { distributionListCsv, distributionListRows } from './distribution-list.ts';
import { householdNames } from './household-names.ts';
import { kitDeps } from './kit-deps.ts';
import { roundPath } from './round-path.ts';

/**
 * GET /sites/{siteId}/rounds/{round}/distribution-list: the households of a site and round with
 * their kits and voucher codes; JSON, or CSV for printing with `Accept: text/csv`.
 */
export const handler = httpHandler({
  route: 'GET /sites/{siteId}/rounds/{round}/distribution-list',
  path: roundPath,
  core: async ({ path }, context) => {
    const allocations = await kitDeps().allocations.listRound(path.siteId, path.round);
    const names = await householdNames(
      requireEnv('REGISTRY_TABLE'),
      allocations.map((allocation) => allocation.householdId),
    );
    const rows = distributionListRows(allocations, names);
    if ((context.headers['accept'] ?? '').includes('text/csv')) {
      return reply({
        status: 200,
        body: distributionListCsv(rows),
        contentType: 'text/csv; charset=utf-8',
        headers: {
          'content-disposition': `attachment; filename="distribution-${path.siteId}-${path.round}.csv"`,
        },
      });
    }
    return { siteId: path.siteId, round: path.round, count: rows.length, rows };
  },
});
