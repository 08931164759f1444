import { httpHandler } from '#shared/http/http-handler.ts';
import { runOnce } from '#shared/idempotency/run-once.ts';
import { kitDeps } from '../allocations/kit-deps.ts';
import { stockReceiptSchema } from '../schemas/stock.ts';
import { receiveStock } from './receipt.ts';
import { sitePath } from './site-path.ts';

/** POST /sites/{siteId}/stock/receipts: 201 `{ receiptId, siteId, servedFromWaitlist }`. */
export const handler = httpHandler({
  route: 'POST /sites/{siteId}/stock/receipts',
  path: sitePath,
  body: stockReceiptSchema,
  successStatus: 201,
  idempotency: { runOnce, header: 'Idempotency-Key' },
  core: async ({ path, body }, context) =>
    receiveStock(kitDeps(), { siteId: path.siteId, receipt: body, actor: context.actor }),
});
