import { httpHandler } from '#shared/http/http-handler.ts';
import { runOnce } from '#shared/idempotency/run-once.ts';
import { kitDeps } from '../allocations/kit-deps.ts';
import { stockCountSchema } from '../schemas/stock.ts';
import { countStock } from './count.ts';
import { sitePath } from './site-path.ts';

/** POST /sites/{siteId}/stock/counts: 201 with, per kit, expected, counted and the adjustment made. */
export const handler = httpHandler({
  route: 'POST /sites/{siteId}/stock/counts',
  path: sitePath,
  body: stockCountSchema,
  successStatus: 201,
  idempotency: { runOnce, header: 'Idempotency-Key' },
  core: async ({ path, body }, context) =>
    countStock(kitDeps(), { siteId: path.siteId, count: body, actor: context.actor }),
});
