import { fileURLToPath } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppFunction } from '#infra/constructs/app-function.ts';
import { Monitoring } from '#infra/constructs/monitoring.ts';
import type { StockStore } from '../../../functions/adapters/kits/stock-store.ts';
import { EMPTY_BALANCE } from '../../../functions/domain/stock/stock-movement.ts';
import { captureLogs } from '../shared/fakes.ts';

/**
 * The dashboard finds the stock metrics with a SEARCH on a namespace, a dimension set and a
 * metric name; the functions publish them in EMF with the namespace AppFunction puts in their
 * environment. Both sides are taken from what they produce (the synthesized template, the EMF
 * the code writes), so renaming either one alone fails here.
 */
const ECHO = fileURLToPath(new URL('./fixtures/echo-handler.ts', import.meta.url));

interface Search {
  namespace: string;
  dimensions: string[];
  metricName: string;
}

let searches: Search[];
let functionNamespace: string;

beforeAll(() => {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'StockMetricsTest', { env: { account: '123456789012', region: 'eu-west-1' } });
  new Monitoring(stack, 'Monitoring', { workflows: [], functions: [] });
  const fn = new AppFunction(stack, 'Stock', { entry: ECHO });
  const template = Template.fromStack(stack);

  const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0];
  const body = dashboard?.['Properties']?.['DashboardBody'];
  // The body is a Fn::Join of text and tokens (region…); the tokens are not in the searches.
  const parts: unknown[] = typeof body === 'string' ? [body] : (body?.['Fn::Join']?.[1] ?? []);
  const text = parts.map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
  searches = [...text.matchAll(/SEARCH\('\{([^}]*)\} MetricName=\\?"([^"\\]+)\\?"'/g)].map((match) => {
    const [namespace = '', ...dimensions] = (match[1] ?? '').split(',');
    return { namespace, dimensions, metricName: match[2] ?? '' };
  });

  const functions = template.findResources('AWS::Lambda::Function');
  const logicalId = stack.getLogicalId(fn.fn.node.defaultChild as never);
  functionNamespace =
    functions[logicalId]?.['Properties']?.['Environment']?.['Variables']?.['POWERTOOLS_METRICS_NAMESPACE'];
}, 120_000);

let output: ReturnType<typeof captureLogs> | undefined;
afterAll(() => output?.restore());

describe('stock metrics: dashboard and functions agree', () => {
  it('the dashboard searches KitsInStock and StockLow', () => {
    expect(searches.map((search) => search.metricName).sort()).toEqual(['KitsInStock', 'StockLow']);
    expect(functionNamespace).toEqual(expect.any(String));
  });

  it('what the functions emit is what the dashboard searches: namespace, dimension set and name', async () => {
    // As in the Lambda: the environment AppFunction sets, read when the metrics module loads.
    process.env['POWERTOOLS_METRICS_NAMESPACE'] = functionNamespace;
    process.env['POWERTOOLS_SERVICE_NAME'] = 'stock';
    vi.resetModules();
    const { reportStockLevel } = await import('../../../functions/stock/stock-level.ts');
    const stock = {
      balances: vi.fn(async () => ({ FOOD: { ...EMPTY_BALANCE, available: 0 } })),
    } as unknown as StockStore;
    output = captureLogs();
    // From 10 000 kits to none: below any threshold the settings can hold, so both metrics go out.
    await reportStockLevel({ stock }, 'SITE-1', 10_000);
    const emitted = output.entries().flatMap((entry) =>
      '_aws' in entry
        ? (
            entry['_aws'] as {
              CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[];
            }
          ).CloudWatchMetrics
        : [],
    );
    output.restore();
    output = undefined;

    const asSearched = emitted.flatMap((directive) =>
      directive.Dimensions.flatMap((dimensions) =>
        directive.Metrics.map((metric) => ({
          namespace: directive.Namespace,
          // SEARCH {namespace,dims} matches exactly that dimension set, whatever the order.
          dimensions: [...dimensions].sort(),
          metricName: metric.Name,
        })),
      ),
    );
    expect(asSearched).toHaveLength(2);
    const searched = searches.map((search) => ({ ...search, dimensions: [...search.dimensions].sort() }));
    expect(asSearched).toEqual(expect.arrayContaining(searched));
    expect(searched).toEqual(expect.arrayContaining(asSearched));
  });
});
