import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { fellBelowThreshold, kitsAvailable, lowStockThreshold } from '#domain/stock/low-stock.ts';
import { logger } from '#shared/observability/logger.ts';
import { metrics } from '#shared/observability/metrics.ts';
import { distributionSettings } from '../allocations/kit-config.ts';
import type { KitDeps } from '../allocations/kit-deps.ts';

/**
 * The stock metrics the dashboard reads (infra/constructs/monitoring.ts, PROGRAMME_METRICS,
 * namespace Casework): a SEARCH on exactly the dimension set `{site}`, so nothing else may be added.
 */
export const STOCK_METRICS = {
  kitsInStock: 'KitsInStock',
  stockLow: 'StockLow',
  siteDimension: 'site',
} as const;

/**
 * Publishes a site's stock after a change that committed: KitsInStock (kits available, all kit
 * types), and StockLow = 1 when the change took it below the site's threshold. `takenOut` is what
 * the change removed from available (0 for a receipt or a release). The balances are read again
 * rather than computed, so concurrent changes show. Best effort: the change is already written,
 * so a failed read is logged, never turned into an error for the caller.
 */
export async function reportStockLevel(
  deps: Pick<KitDeps, 'stock'>,
  siteId: string,
  takenOut: number,
): Promise<void> {
  let after: number;
  try {
    after = kitsAvailable(await deps.stock.balances(siteId));
  } catch (error) {
    logger.warn('Stock level not published', {
      siteId,
      error: error instanceof Error ? error.name : 'unknown',
    });
    return;
  }
  publish(STOCK_METRICS.kitsInStock, siteId, after);
  const threshold = lowStockThreshold(distributionSettings().lowStock, siteId);
  if (fellBelowThreshold(threshold, { before: after + takenOut, after }))
    publish(STOCK_METRICS.stockLow, siteId, 1);
}

function publish(name: string, siteId: string, value: number): void {
  const metric = metrics.singleMetric();
  // The service dimension Powertools adds by default would take the metric out of the `{site}` search.
  metric.clearDefaultDimensions();
  metric.addDimension(STOCK_METRICS.siteDimension, siteId);
  metric.addMetric(name, MetricUnit.Count, value);
}
