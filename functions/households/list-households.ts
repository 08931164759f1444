import { httpHandler } from '#shared/http/http-handler.ts';
import type { HouseholdRecord } from '../adapters/registry/records.ts';
import { registry } from '../intake/registry.ts';
import { listHouseholdsQuerySchema } from './list-households-query.ts';

/** A row of the list: identifiers, place and status; names stay on the household's own page. */
const row = (household: HouseholdRecord) => ({
  householdId: household.householdId,
  status: household.status,
  location: household.location,
  createdAt: household.createdAt,
  updatedAt: household.updatedAt,
  ...(household.eligibility ? { eligibility: household.eligibility } : {}),
  ...(household.duplicateOf ? { duplicateOf: household.duplicateOf } : {}),
  ...(household.partnerId ? { partnerId: household.partnerId } : {}),
});

/** GET /households?site=…&status=…: one site at a time, newest last, a partner sees its own. */
export const handler = httpHandler({
  route: 'GET /households',
  query: listHouseholdsQuerySchema,
  core: async ({ query }, context) => {
    const scope = context.scope();
    const page = await registry().households.listBySite({
      site: query.site,
      status: query.status,
      limit: query.limit,
      cursor: query.cursor,
      ...(scope.kind === 'partner' ? { partnerId: scope.partnerId } : {}),
    });
    return { items: page.items.map(row), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  },
});
