/**
 * The Metrics the Lambda bundles carry instead of @aws-lambda-powertools/metrics
 * (infra/constructs/bundling/powertools-metrics.ts) against the real package: the same calls
 * through each, the printed EMF lines and warnings compared byte for byte (the clock is fixed, so
 * the EMF timestamps are equal too), under the environments that change what Powertools prints.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetricResolution, MetricUnit, Metrics as RealMetrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import { UnsupportedPowertoolsUseError } from '../../../infra/constructs/bundling/powertools-env.ts';
import {
  Metrics as StandInMetrics,
  MetricResolution as StandInResolution,
  MetricUnit as StandInUnit,
} from '../../../infra/constructs/bundling/powertools-metrics.ts';
import { sideBySide } from './side-by-side.ts';

// biome-ignore lint/suspicious/noExplicitAny: the two classes share a surface, not a declared type.
type AnyMetrics = any;
type Create = (options?: object) => AnyMetrics;
const REAL: Create = (options) => new RealMetrics(options);
const STAND_IN: Create = (options) => new StandInMetrics(options as object);

const ENV_KEYS = [
  'POWERTOOLS_METRICS_NAMESPACE',
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_METRICS_DISABLED',
  'POWERTOOLS_DEV',
  'AWS_LAMBDA_MAX_CONCURRENCY',
];
const { fixedClockEachTest, sameLines } = sideBySide<Create>({
  envKeys: ENV_KEYS,
  real: REAL,
  standIn: STAND_IN,
  consoleMethods: ['log', 'info', 'warn', 'error'],
});

/** What functions/stock/stock-level.ts and functions/gbv/tasks/check-due.ts do. */
function stockAndOverdue(create: Create): void {
  const metrics = create({ defaultDimensions: {} });
  for (const [name, site, value] of [
    ['KitsInStock', 'SITE-1', 12],
    ['StockLow', 'SITE-1', 1],
    ['KitsInStock', 'SITE-2', 0],
  ] as const) {
    const metric = metrics.singleMetric();
    metric.clearDefaultDimensions();
    metric.addDimension('site', site);
    metric.addMetric(name, MetricUnit.Count, value);
  }
  const overdue = metrics.singleMetric();
  overdue.clearDefaultDimensions();
  overdue.addMetric('FollowUpsOverdue', MetricUnit.Count, 1);
  const withService = metrics.singleMetric();
  withService.addDimension('site', 'SITE-3');
  withService.addMetric('KitsInStock', MetricUnit.Count, 4, MetricResolution.High);
}

describe('bundle stand-in for @aws-lambda-powertools/metrics', () => {
  fixedClockEachTest('2026-11-27T03:04:05.678Z');

  it('exports the same units and resolutions', () => {
    expect(StandInUnit).toEqual(MetricUnit);
    expect(StandInResolution).toEqual(MetricResolution);
  });

  it('prints the same EMF lines for the stock and follow-up metrics', async () => {
    const lines = await sameLines(
      { POWERTOOLS_METRICS_NAMESPACE: 'Casework', POWERTOOLS_SERVICE_NAME: 'stock' },
      stockAndOverdue,
    );
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[0]!.replace(/^stdout /, ''))).toEqual({
      _aws: {
        Timestamp: Date.parse('2026-11-27T03:04:05.678Z'),
        CloudWatchMetrics: [
          {
            Namespace: 'Casework',
            Dimensions: [['site']],
            Metrics: [{ Name: 'KitsInStock', Unit: 'Count' }],
          },
        ],
      },
      site: 'SITE-1',
      KitsInStock: 12,
    });
  });

  it.each<Record<string, string>>([
    {},
    { POWERTOOLS_METRICS_NAMESPACE: ' Casework ' },
    { POWERTOOLS_METRICS_NAMESPACE: 'Casework', POWERTOOLS_METRICS_DISABLED: 'true' },
    { POWERTOOLS_METRICS_NAMESPACE: 'Casework', POWERTOOLS_METRICS_DISABLED: 'no' },
    { POWERTOOLS_METRICS_NAMESPACE: 'Casework', POWERTOOLS_METRICS_DISABLED: 'sometimes' },
    { POWERTOOLS_METRICS_NAMESPACE: 'Casework', POWERTOOLS_DEV: 'true' },
    {
      POWERTOOLS_METRICS_NAMESPACE: 'Casework',
      POWERTOOLS_DEV: 'true',
      POWERTOOLS_METRICS_DISABLED: 'false',
    },
    { POWERTOOLS_SERVICE_NAME: '  ' },
  ])('prints (or not) the same under %o', async (env) => {
    await sameLines(env, stockAndOverdue);
  });

  it('validates and warns the same way', async () => {
    await sameLines({ POWERTOOLS_METRICS_NAMESPACE: 'Casework' }, (create) => {
      const metrics = create({ defaultDimensions: { stage: 'prod', empty: '' }, serviceName: 'svc' });
      const single = metrics.singleMetric();
      single.addDimension('', 'x');
      single.addDimension('site', '  ');
      single.addDimension('site', 'S1');
      single.addDimension('site', 'S2');
      single.addDimension('stage', 'dev');
      single.addMetric('Served', MetricUnit.Count, 1);
      single.addMetric('Served', MetricUnit.Count, 2);
      single.addMetric('Latency', MetricUnit.Milliseconds, 12.5, MetricResolution.High);
      for (const bad of [
        () => single.addMetric('', MetricUnit.Count, 1),
        () => single.addMetric('x'.repeat(256), MetricUnit.Count, 1),
        () => single.addMetric('Bad', 'Furlongs', 1),
        () => single.addMetric('Bad', MetricUnit.Count, '1'),
        () => single.addMetric(7, MetricUnit.Count, 1),
        () => single.addMetric('Bad', MetricUnit.Count, 1, 30),
        () => single.addMetric('stage', MetricUnit.Count, 1),
      ]) {
        try {
          bad();
        } catch (error) {
          console.error(`${(error as Error).name}: ${(error as Error).message}`);
        }
      }
      const crowded = metrics.singleMetric();
      for (let i = 0; i < 30; i++) {
        try {
          crowded.addDimension(`d${i}`, 'v');
        } catch (error) {
          console.error(`${(error as Error).name}: ${(error as Error).message}`);
          break;
        }
      }
      crowded.addMetric('Crowded', MetricUnit.Count, 1);
    });
  });

  it('refuses options and settings it does not implement instead of printing differently', () => {
    expect(() => new StandInMetrics({ functionName: 'f' } as object)).toThrow(UnsupportedPowertoolsUseError);
    expect(() => new StandInMetrics({ customConfigService: {} } as object)).toThrow(
      UnsupportedPowertoolsUseError,
    );
    process.env['AWS_LAMBDA_MAX_CONCURRENCY'] = '4';
    expect(() => new StandInMetrics()).toThrow(UnsupportedPowertoolsUseError);
  });

  it('has every metrics method that functions/ calls', () => {
    const sources = readdirSync(join(process.cwd(), 'functions'), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
      .join('\n');
    const methods = new Set([...sources.matchAll(/\bmetrics?\.(\w+)\(/g)].map((match) => match[1]!));
    expect(methods.size).toBeGreaterThan(0);
    const standIn = new StandInMetrics({ defaultDimensions: {} }) as unknown as Record<string, unknown>;
    const single = (standIn['singleMetric'] as () => Record<string, unknown>).call(standIn);
    for (const method of methods) expect(typeof single[method], `metric.${method}`).toBe('function');
  });
});
