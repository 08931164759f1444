/**
 * Stands in for `@aws-lambda-powertools/metrics` in the Lambda bundles (an esbuild alias set by
 * AppFunction; the type checker, unit tests and local tools keep the real package). It prints the
 * same Embedded Metric Format lines as Powertools' Metrics for what functions/ uses:
 * `new Metrics({ defaultDimensions })`, `singleMetric()`, `clearDefaultDimensions()`,
 * `addDimension()`, `addMetric()` (published at once by a single metric, or by
 * `publishStoredMetrics()`), MetricUnit and MetricResolution; with POWERTOOLS_METRICS_NAMESPACE,
 * POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_DISABLED and POWERTOOLS_DEV read as Powertools does,
 * and its validation, warnings and errors.
 *
 * Why: the real Metrics (metadata, dimension sets, timestamps, cold-start metric, middleware,
 * per-invocation stores) is ≈ 13 KB of each stock and allocation bundle, over the 128 KB budget of
 * the staff request path (issue 11).
 *
 * Any other option throws UnsupportedPowertoolsUseError; a method it lacks throws where it is
 * called. test/unit/bundling/powertools-metrics.test.ts runs the same calls through both and
 * compares the printed lines, and checks every metrics method functions/ calls exists here.
 */
import type { Console } from 'node:console';
import {
  envBoolean,
  envString,
  isDevMode,
  refuseConcurrentInvocations,
  UnsupportedPowertoolsUseError,
  utilityConsole,
} from './powertools-env.ts';

export const MetricUnit = {
  Seconds: 'Seconds',
  Microseconds: 'Microseconds',
  Milliseconds: 'Milliseconds',
  Bytes: 'Bytes',
  Kilobytes: 'Kilobytes',
  Megabytes: 'Megabytes',
  Gigabytes: 'Gigabytes',
  Terabytes: 'Terabytes',
  Bits: 'Bits',
  Kilobits: 'Kilobits',
  Megabits: 'Megabits',
  Gigabits: 'Gigabits',
  Terabits: 'Terabits',
  Percent: 'Percent',
  Count: 'Count',
  BytesPerSecond: 'Bytes/Second',
  KilobytesPerSecond: 'Kilobytes/Second',
  MegabytesPerSecond: 'Megabytes/Second',
  GigabytesPerSecond: 'Gigabytes/Second',
  TerabytesPerSecond: 'Terabytes/Second',
  BitsPerSecond: 'Bits/Second',
  KilobitsPerSecond: 'Kilobits/Second',
  MegabitsPerSecond: 'Megabits/Second',
  GigabitsPerSecond: 'Gigabits/Second',
  TerabitsPerSecond: 'Terabits/Second',
  CountPerSecond: 'Count/Second',
  NoUnit: 'None',
} as const;

export const MetricResolution = { Standard: 60, High: 1 } as const;

const MAX_DIMENSION_COUNT = 29;
const MAX_METRICS_SIZE = 100;
const MAX_METRIC_VALUES_SIZE = 100;
const SUPPORTED_OPTIONS = ['defaultDimensions', 'namespace', 'serviceName', 'singleMetric', 'logger'];

type Dimensions = Record<string, string>;
interface StoredMetric {
  name: string;
  unit: string;
  value: number | number[];
  resolution: number;
}
interface MetricsOptions {
  defaultDimensions?: Dimensions;
  namespace?: string;
  serviceName?: string;
  singleMetric?: boolean;
  logger?: Pick<Console, 'warn'>;
}

const isBlank = (value: unknown) => typeof value !== 'string' || value.trim().length === 0;

export class Metrics {
  #console: Console;
  #logger: Pick<Console, 'warn'>;
  #namespace: string;
  #disabled: boolean;
  #single: boolean;
  #defaults: Dimensions = {};
  #dimensions: Dimensions = {};
  #metrics: Record<string, StoredMetric> = {};

  constructor(options: MetricsOptions = {}) {
    const unsupported = Object.keys(options).filter((key) => !SUPPORTED_OPTIONS.includes(key));
    if (unsupported.length > 0)
      throw new UnsupportedPowertoolsUseError(`Metrics options not supported in the bundles: ${unsupported}`);
    refuseConcurrentInvocations('Metrics');
    const envNamespace = envString('POWERTOOLS_METRICS_NAMESPACE', '');
    const envService = envString('POWERTOOLS_SERVICE_NAME', '');
    const envDisabled = envBoolean('POWERTOOLS_METRICS_DISABLED', false, true);
    const devMode = isDevMode();
    this.#console = utilityConsole(devMode);
    this.#logger = options.logger ?? this.#console;
    this.#disabled = process.env['POWERTOOLS_METRICS_DISABLED'] !== undefined ? envDisabled : devMode;
    this.#namespace = options.namespace || envNamespace;
    const service = options.serviceName || envService || 'service_undefined';
    this.#setDefaultDimensions({ service, ...options.defaultDimensions });
    this.#single = options.singleMetric ?? false;
  }

  /** A Metrics that publishes each metric as it is added, with this one's namespace and default dimensions. */
  singleMetric(): Metrics {
    return new Metrics({
      namespace: this.#namespace,
      defaultDimensions: { ...this.#defaults },
      singleMetric: true,
      logger: this.#logger,
    });
  }

  clearDefaultDimensions(): void {
    this.#defaults = {};
  }

  addDimension(name: string, value: string): this {
    if (isBlank(name) || isBlank(value)) {
      this.#logger.warn(
        `The dimension ${name} doesn't meet the requirements and won't be added. Ensure the dimension name and value are non empty strings`,
      );
      return this;
    }
    if (
      new Set([...Object.keys(this.#defaults), ...Object.keys(this.#dimensions), name]).size >
      MAX_DIMENSION_COUNT
    )
      throw new RangeError(`The number of metric dimensions must be lower than ${MAX_DIMENSION_COUNT}`);
    if (Object.hasOwn(this.#dimensions, name) || Object.hasOwn(this.#defaults, name))
      this.#logger.warn(
        `Dimension "${name}" has already been added. The previous value will be overwritten.`,
      );
    this.#dimensions[name] = value;
    return this;
  }

  addMetric(name: string, unit: string, value: number, resolution: number = MetricResolution.Standard): this {
    this.#store(name, unit, value, resolution);
    if (this.#single) this.publishStoredMetrics();
    return this;
  }

  publishStoredMetrics(): this {
    const hasMetrics = Object.keys(this.#metrics).length > 0;
    if (!hasMetrics)
      this.#logger.warn(
        'No application metrics to publish. The cold-start metric may be published if enabled. If application metrics should never be empty, consider using `throwOnEmptyMetrics`',
      );
    try {
      if (!this.#disabled) {
        const emf = this.#serialize();
        if (hasMetrics) this.#console.log(JSON.stringify(emf));
      }
    } finally {
      this.#metrics = {};
      this.#dimensions = {};
    }
    return this;
  }

  #setDefaultDimensions(dimensions: Dimensions): void {
    const accepted: Dimensions = {};
    for (const [key, value] of Object.entries(dimensions)) {
      if (isBlank(key) || isBlank(value)) {
        this.#logger.warn(
          `The dimension ${key} doesn't meet the requirements and won't be added. Ensure the dimension name and value are non empty strings`,
        );
        continue;
      }
      if (
        Object.hasOwn(this.#dimensions, key) ||
        Object.hasOwn(this.#defaults, key) ||
        Object.hasOwn(accepted, key)
      )
        this.#logger.warn(
          `Dimension "${key}" has already been added. The previous value will be overwritten.`,
        );
      accepted[key] = value;
    }
    const keys = [...Object.keys(this.#defaults), ...Object.keys(accepted)];
    const current = Object.keys(this.#dimensions);
    if (new Set(current.length > 0 ? [...keys, ...current] : keys).size > MAX_DIMENSION_COUNT)
      throw new RangeError(`The number of metric dimensions must be lower than ${MAX_DIMENSION_COUNT}`);
    this.#defaults = { ...this.#defaults, ...accepted };
  }

  #store(name: string, unit: string, value: number, resolution: number): void {
    if (typeof name !== 'string') throw new Error(`${name} is not a valid string`);
    if (name.length < 1 || name.length > 255)
      throw new RangeError('The metric name should be between 1 and 255 characters');
    if (typeof value !== 'number') throw new RangeError(`${value} is not a valid number`);
    const units: string[] = Object.values(MetricUnit);
    if (!units.includes(unit))
      throw new RangeError(`Invalid metric unit '${unit}', expected either option: ${units.join(',')}`);
    const resolutions: number[] = Object.values(MetricResolution);
    if (!resolutions.includes(resolution))
      throw new RangeError(
        `Invalid metric resolution '${resolution}', expected either option: ${resolutions.join(',')}`,
      );
    if (Object.keys(this.#metrics).length >= MAX_METRICS_SIZE) this.publishStoredMetrics();
    const existing = this.#metrics[name];
    if (existing === undefined) {
      this.#metrics[name] = { name, unit, value, resolution };
      return;
    }
    if (existing.unit !== unit)
      throw new Error(
        `Metric "${name}" has already been added with unit "${existing.unit}", but we received unit "${unit}". Did you mean to use metric unit "${existing.unit}"?`,
      );
    existing.value = [...(Array.isArray(existing.value) ? existing.value : [existing.value]), value];
    if (existing.value.length === MAX_METRIC_VALUES_SIZE) this.publishStoredMetrics();
  }

  #serialize(): Record<string, unknown> {
    const metrics = Object.values(this.#metrics);
    if (!this.#namespace) this.#logger.warn('Namespace should be defined, default used');
    const values: Record<string, number | number[]> = {};
    for (const metric of metrics) values[metric.name] = metric.value;
    const defaults = this.#defaults;
    const dimensions = this.#dimensions;
    const dimensionNames: string[][] = [];
    if (Object.keys(dimensions).length > 0)
      dimensionNames.push([...new Set([...Object.keys(defaults), ...Object.keys(dimensions)])]);
    else if (Object.keys(defaults).length > 0) dimensionNames.push(Object.keys(defaults));
    const seen = new Map<string, string>();
    const sources: [Dimensions, string][] = [
      [defaults, 'default dimension'],
      [dimensions, 'dimension'],
    ];
    for (const [set, source] of sources) {
      for (const key of Object.keys(set)) {
        const existing = seen.get(key);
        if (existing !== undefined)
          this.#logger.warn(
            `EMF key "${key}" is defined as both a ${existing} and ${source}; the ${source} value will take precedence in the serialized output`,
          );
        seen.set(key, source);
      }
    }
    for (const name of Object.keys(values)) {
      const source = seen.get(name);
      if (source !== undefined)
        throw new Error(
          `EMF key collision on "${name}": registered as both a metric (number) and a ${source} (string)`,
        );
    }
    return {
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: this.#namespace || 'default_namespace',
            Dimensions: dimensionNames,
            Metrics: metrics.map((metric) => ({
              Name: metric.name,
              Unit: metric.unit,
              ...(metric.resolution === MetricResolution.High
                ? { StorageResolution: metric.resolution }
                : {}),
            })),
          },
        ],
      },
      ...defaults,
      ...dimensions,
      ...values,
    };
  }
}
