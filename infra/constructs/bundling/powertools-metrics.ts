/**
 * Stands in for `@aws-lambda-powertools/metrics` in the Lambda bundles (an esbuild alias set by
 * AppFunction; the type checker, unit tests and local tools keep the real package). It prints the
 * same Embedded Metric Format lines as Powertools' Metrics for what functions/ uses:
 * `new Metrics({ defaultDimensions })`, `singleMetric()`, `clearDefaultDimensions()`,
 * `addDimension()`, `addMetric()` on a single metric (published at once), MetricUnit and
 * MetricResolution; with POWERTOOLS_METRICS_NAMESPACE,
 * POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_DISABLED and POWERTOOLS_DEV read as Powertools does,
 * and its validation, warnings and errors.
 *
 * Why: the real Metrics (metadata, dimension sets, timestamps, cold-start metric, middleware,
 * per-invocation stores) is ≈ 13 KB of each stock and allocation bundle, over the 128 KB budget of
 * the staff request path (issue 11).
 *
 * Any other option, and storing metrics on the shared instance (`metrics.addMetric`, published by
 * `publishStoredMetrics` or the middleware in Powertools), throws UnsupportedPowertoolsUseError; a
 * method it lacks throws where it is called. test/unit/bundling/powertools-metrics.test.ts runs the same calls through both and
 * compares the printed lines, and checks every metrics method functions/ calls exists here.
 */
import type { Console } from 'node:console';
import {
  envBoolean,
  envString,
  isDevMode,
  refuseConcurrentInvocations,
  refuseOptions,
  UnsupportedPowertoolsUseError,
  utilityConsole,
} from './powertools-env.ts';

// Powertools' MetricUnit in its order: the plain units, then `<unit>PerSecond` = `<unit>/Second`, then
// NoUnit = None (its values, joined, make the invalid-unit message).
const PER_SECOND =
  'Bytes Kilobytes Megabytes Gigabytes Terabytes Bits Kilobits Megabits Gigabits Terabits Count';
export const MetricUnit: Readonly<Record<string, string>> = Object.fromEntries([
  ...`Seconds Microseconds Milliseconds ${PER_SECOND.replace(' Count', ' Percent Count')}`
    .split(' ')
    .map((unit) => [unit, unit]),
  ...PER_SECOND.split(' ').map((unit) => [`${unit}PerSecond`, `${unit}/Second`]),
  ['NoUnit', 'None'],
]);

export const MetricResolution = { Standard: 60, High: 1 } as const;

const MAX_DIMENSION_COUNT = 29;
const SUPPORTED_OPTIONS = ['defaultDimensions', 'namespace', 'serviceName', 'singleMetric', 'logger'];

type Dimensions = Record<string, string>;
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

  constructor(options: MetricsOptions = {}) {
    refuseOptions('Metrics', options, SUPPORTED_OPTIONS);
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
    if (this.#invalidDimension(name, value)) return this;
    if (
      new Set([...Object.keys(this.#defaults), ...Object.keys(this.#dimensions), name]).size >
      MAX_DIMENSION_COUNT
    )
      throw new RangeError(`The number of metric dimensions must be lower than ${MAX_DIMENSION_COUNT}`);
    this.#warnIfAdded(name, this.#dimensions, this.#defaults);
    this.#dimensions[name] = value;
    return this;
  }

  /** Publishes the metric at once, as Powertools' single metric does (stores, publishes, clears). */
  addMetric(name: string, unit: string, value: number, resolution: number = MetricResolution.Standard): this {
    if (!this.#single)
      throw new UnsupportedPowertoolsUseError(
        'Metrics in the bundles publishes single metrics only (singleMetric())',
      );
    this.#validate(name, unit, value, resolution);
    try {
      if (!this.#disabled) this.#console.log(JSON.stringify(this.#serialize(name, unit, value, resolution)));
    } finally {
      this.#dimensions = {};
    }
    return this;
  }

  /** Powertools' warning for a dimension that is not two non-blank strings (then left out). */
  #invalidDimension(name: unknown, value: unknown): boolean {
    const invalid = isBlank(name) || isBlank(value);
    if (invalid)
      this.#logger.warn(
        `The dimension ${name} doesn't meet the requirements and won't be added. Ensure the dimension name and value are non empty strings`,
      );
    return invalid;
  }

  #warnIfAdded(name: string, ...sets: Dimensions[]): void {
    if (sets.some((set) => Object.hasOwn(set, name)))
      this.#logger.warn(
        `Dimension "${name}" has already been added. The previous value will be overwritten.`,
      );
  }

  #setDefaultDimensions(dimensions: Dimensions): void {
    const accepted: Dimensions = {};
    for (const [key, value] of Object.entries(dimensions)) {
      if (this.#invalidDimension(key, value)) continue;
      this.#warnIfAdded(key, this.#dimensions, this.#defaults, accepted);
      accepted[key] = value;
    }
    const keys = [...Object.keys(this.#defaults), ...Object.keys(accepted)];
    const current = Object.keys(this.#dimensions);
    if (new Set(current.length > 0 ? [...keys, ...current] : keys).size > MAX_DIMENSION_COUNT)
      throw new RangeError(`The number of metric dimensions must be lower than ${MAX_DIMENSION_COUNT}`);
    this.#defaults = { ...this.#defaults, ...accepted };
  }

  #validate(name: string, unit: string, value: number, resolution: number): void {
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
  }

  #serialize(name: string, unit: string, value: number, resolution: number): Record<string, unknown> {
    if (!this.#namespace) this.#logger.warn('Namespace should be defined, default used');
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
    const source = seen.get(name);
    if (source !== undefined)
      throw new Error(
        `EMF key collision on "${name}": registered as both a metric (number) and a ${source} (string)`,
      );
    return {
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: this.#namespace || 'default_namespace',
            Dimensions: dimensionNames,
            Metrics: [
              {
                Name: name,
                Unit: unit,
                ...(resolution === MetricResolution.High ? { StorageResolution: resolution } : {}),
              },
            ],
          },
        ],
      },
      ...defaults,
      ...dimensions,
      [name]: value,
    };
  }
}
