import { httpHandler } from '#shared/http/http-handler.ts';
import { kitDeps } from '../allocations/kit-deps.ts';
import { sitePath } from './site-path.ts';

/** GET /sites/{siteId}/stock: per kit type, available, reserved and distributed (and the rest of the ledger totals). */
export const handler = httpHandler({
  route: 'GET /sites/{siteId}/stock',
  path: sitePath,
  core: async ({ path }) => {
    const balances = await kitDeps().stock.balances(path.siteId);
    return {
      siteId: path.siteId,
      kits: Object.entries(balances)
        .map(([kitType, balance]) => ({ kitType, ...balance }))
        .sort((a, b) => a.kitType.localeCompare(b.kitType)),
    };
  },
});
