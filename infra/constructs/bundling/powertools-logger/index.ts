/**
 * Stands in for `@aws-lambda-powertools/logger` in the Lambda bundles (an esbuild alias set by
 * AppFunction; the type checker, unit tests and local tools keep the real package). It prints the
 * same lines as Powertools' Logger with its default formatter for what functions/ uses:
 * `new Logger({ jsonReplacerFn })` (and the `serviceName` and `logLevel` options tests pass), info/warn/error (and debug, trace), appendKeys and
 * appendPersistentKeys, and the injectLambdaContext middleware (./middleware.ts): same keys in the
 * same order, levels and their consoles, POWERTOOLS_LOG_LEVEL/LOG_LEVEL, AWS_LAMBDA_LOG_LEVEL,
 * POWERTOOLS_LOGGER_SAMPLE_RATE (debug sampling, refreshed per invocation), POWERTOOLS_SERVICE_NAME,
 * POWERTOOLS_LOGGER_LOG_EVENT, POWERTOOLS_DEV, the Lambda context fields, X-Ray trace id,
 * reserved keys, errors, bigints and cycles through the replacer.
 *
 * Why: the real Logger (buffering, child loggers, custom formatters, correlation ids, per-invocation
 * stores) is ≈ 22 KB of every bundle, and six staff-path bundles were over the 128 KB budget
 * (issue 11).
 *
 * Any other option, and a TZ other than UTC (Lambda's is `:UTC`), throws UnsupportedPowertoolsUseError
 * at construction; a method it lacks throws
 * where it is called. test/unit/bundling/powertools-logger.test.ts runs the same calls through
 * both loggers and compares the printed lines, and checks that every logger method functions/
 * calls exists here.
 */
import type { Console } from 'node:console';
import { randomInt } from 'node:crypto';
import {
  coldStartOnce,
  envBoolean,
  envString,
  isDevMode,
  refuseConcurrentInvocations,
  refuseOptions,
  UnsupportedPowertoolsUseError,
  utilityConsole,
} from '../powertools-env.ts';
import { deepMerge } from './deep-merge.ts';
import { formatError } from './format.ts';

export const LogLevelThreshold = {
  TRACE: 6,
  DEBUG: 8,
  INFO: 12,
  WARN: 16,
  ERROR: 20,
  CRITICAL: 24,
  SILENT: 28,
};
type LevelName = keyof typeof LogLevelThreshold;
type Attributes = Record<string, unknown>;
type LogInput = string | ({ message: string } & Attributes);

const RESERVED_KEYS = ['level', 'message', 'sampling_rate', 'service', 'timestamp'];
const SUPPORTED_OPTIONS = ['jsonReplacerFn', 'serviceName', 'logLevel'];

// `in`, as Powertools checks a level name (so inherited names pass the same way).
const isLevel = (name: unknown): name is LevelName => typeof name === 'string' && name in LogLevelThreshold;
const levelName = (level: number) =>
  Object.keys(LogLevelThreshold).find((name) => LogLevelThreshold[name as LevelName] === level) as LevelName;

/** commons' getXRayTraceIdFromEnv: the runtime's invoke store first, then _X_AMZN_TRACE_ID's Root. */
function xRayTraceId(): string | undefined {
  const store = (globalThis as { awslambda?: { InvokeStore?: { getXRayTraceId(): string | undefined } } })
    .awslambda?.InvokeStore;
  const header = store?.getXRayTraceId() ?? envString('_X_AMZN_TRACE_ID', '');
  if (header === '') return undefined;
  if (!header.includes('=')) return header;
  const fields: Record<string, string | undefined> = {};
  for (const field of header.split(';')) {
    const [key, value] = field.split('=');
    fields[key as string] = value;
  }
  return fields['Root'];
}

interface LambdaContextLike {
  invokedFunctionArn?: string;
  awsRequestId?: string;
  memoryLimitInMB?: unknown;
  functionName?: string;
  functionVersion?: string;
  tenantId?: string;
}

export class Logger {
  #console: Console;
  #indent: number;
  #replacerFn: ((key: string, value: unknown) => unknown) | undefined;
  #service: string;
  #level = LogLevelThreshold.INFO;
  #initialLevel = LogLevelThreshold.INFO;
  #alcLevel: LevelName | undefined;
  #sampleRate = 0;
  #refreshed = 0;
  #logEvent: boolean;
  #persistent: Attributes = {};
  #temporary: Attributes = {};
  #keys = new Map<string, 'temp' | 'persistent'>();
  #context: Attributes | undefined;
  #coldStart = coldStartOnce();
  #warnedOnce = new Set<string>();
  /** Lines logged while the constructor runs, printed once it is done (as Powertools does). */
  #initBuffer: [number, LogInput, unknown[]][] | undefined = [];

  constructor(
    options: {
      jsonReplacerFn?: (key: string, value: unknown) => unknown;
      serviceName?: string;
      logLevel?: string;
    } = {},
  ) {
    refuseOptions('Logger', options, SUPPORTED_OPTIONS);
    refuseConcurrentInvocations('Logger');
    // Powertools writes local time with an offset when TZ names another zone; Lambda reserves TZ
    // (`:UTC`) and the local runtime sets the same, so timestamps are always ISO 8601 in UTC here.
    const zone = envString('TZ', '');
    if (zone && !zone.includes('UTC'))
      throw new UnsupportedPowertoolsUseError(`Logger in the bundles writes UTC timestamps only: TZ=${zone}`);
    this.#service = options.serviceName || envString('POWERTOOLS_SERVICE_NAME', '') || 'service_undefined';
    const lambdaLevel = envString('AWS_LAMBDA_LOG_LEVEL', '');
    const alcLevel = lambdaLevel === 'FATAL' ? 'CRITICAL' : lambdaLevel;
    if (isLevel(alcLevel)) this.#alcLevel = alcLevel;
    this.#logEvent = envBoolean('POWERTOOLS_LOGGER_LOG_EVENT', false);
    this.#setInitialLevel(options.logLevel?.toUpperCase());
    this.#setInitialSampleRate();
    const devMode = isDevMode();
    this.#console = utilityConsole(devMode);
    this.#console.trace = (message?: unknown, ...rest: unknown[]) => this.#console.log(message, ...rest);
    this.#indent = devMode ? 4 : 0;
    this.#replacerFn = options.jsonReplacerFn;
    const buffered = this.#initBuffer ?? [];
    this.#initBuffer = undefined;
    for (const [level, input, extra] of buffered) this.#print(level, this.#item(level, input, extra));
  }

  get level(): number {
    return this.#level;
  }

  trace(input: LogInput, ...extra: unknown[]): void {
    this.#log(LogLevelThreshold.TRACE, input, extra);
  }
  debug(input: LogInput, ...extra: unknown[]): void {
    this.#log(LogLevelThreshold.DEBUG, input, extra);
  }
  info(input: LogInput, ...extra: unknown[]): void {
    this.#log(LogLevelThreshold.INFO, input, extra);
  }
  warn(input: LogInput, ...extra: unknown[]): void {
    this.#log(LogLevelThreshold.WARN, input, extra);
  }
  error(input: LogInput, ...extra: unknown[]): void {
    this.#log(LogLevelThreshold.ERROR, input, extra);
  }

  /** Keys on every line until resetKeys (the middleware resets them after each invocation). */
  appendKeys(attributes: Attributes): void {
    const filtered = this.#withoutReservedKeys(attributes);
    deepMerge(this.#temporary, filtered);
    for (const key of Object.keys(filtered)) this.#keys.set(key, 'temp');
  }

  /** Keys on every line for the life of the logger. */
  appendPersistentKeys(attributes: Attributes): void {
    this.#persistent = { ...deepMerge({ ...this.#persistent }, this.#withoutReservedKeys(attributes)) };
    for (const key of Object.keys(this.#persistent)) this.#keys.set(key, 'persistent');
  }

  resetKeys(): void {
    for (const key of Object.keys(this.#temporary)) {
      if (this.#persistent[key]) this.#keys.set(key, 'persistent');
      else this.#keys.delete(key);
    }
    this.#temporary = {};
  }

  addContext(context: LambdaContextLike): void {
    this.#context = {
      invokedFunctionArn: context.invokedFunctionArn,
      coldStart: this.#coldStart(),
      awsRequestId: context.awsRequestId,
      memoryLimitInMB: context.memoryLimitInMB,
      functionName: context.functionName,
      functionVersion: context.functionVersion,
      tenantId: context.tenantId,
    };
  }

  setLogLevel(name: string): void {
    if (this.#alcShortCircuit(name)) return;
    if (!isLevel(name)) throw new Error(`Invalid log level: ${name}`);
    this.#level = LogLevelThreshold[name];
  }

  /** Per invocation (the middleware calls it): debug sampling is drawn again, except the first time. */
  refreshSampleRateCalculation(): void {
    if (this.#refreshed === 0) {
      this.#refreshed++;
      return;
    }
    if (this.#drawDebugSampling() && this.#level > LogLevelThreshold.TRACE) {
      this.setLogLevel('DEBUG');
      this.debug('Setting log level to DEBUG due to sampling rate');
    } else {
      this.setLogLevel(levelName(this.#initialLevel));
    }
  }

  logEventIfEnabled(event: unknown, overwrite?: boolean): void {
    if (typeof overwrite === 'boolean' ? overwrite : this.#logEvent)
      this.info('Lambda invocation event', { event });
  }

  #setInitialLevel(fromOptions: string | undefined): void {
    if (this.#alcShortCircuit(fromOptions)) {
      this.#initialLevel = this.#level;
      return;
    }
    if (isLevel(fromOptions)) {
      this.#level = this.#initialLevel = LogLevelThreshold[fromOptions];
      return;
    }
    const fromEnv = envString('POWERTOOLS_LOG_LEVEL', '') || envString('LOG_LEVEL', '');
    if (isLevel(fromEnv)) this.#level = this.#initialLevel = LogLevelThreshold[fromEnv];
  }

  #setInitialSampleRate(): void {
    const value = Number(envString('POWERTOOLS_LOGGER_SAMPLE_RATE', '0'));
    if (Number.isNaN(value))
      throw new TypeError('Environment variable POWERTOOLS_LOGGER_SAMPLE_RATE must be a number');
    if (!(value >= 0 && value <= 1)) return;
    this.#sampleRate = value;
    if (this.#drawDebugSampling() && this.#level > LogLevelThreshold.TRACE) {
      this.setLogLevel('DEBUG');
      this.debug('Setting log level to DEBUG due to sampling rate');
    }
  }

  #drawDebugSampling(): boolean {
    return this.#sampleRate !== 0 && randomInt(0, 100) / 100 <= this.#sampleRate;
  }

  /** Lambda's Advanced Logging Controls level, when set, wins over any other. */
  #alcShortCircuit(selected: string | undefined): boolean {
    if (this.#alcLevel === undefined) return false;
    this.#level = LogLevelThreshold[this.#alcLevel];
    if (isLevel(selected) && this.#level > LogLevelThreshold[selected]) {
      const warning = `Current log level (${selected}) does not match AWS Lambda Advanced Logging Controls minimum log level (${this.#alcLevel}). This can lead to data loss, consider adjusting them.`;
      if (!this.#warnedOnce.has(warning)) {
        this.#warnedOnce.add(warning);
        this.warn(warning);
      }
    }
    return true;
  }

  #log(level: number, input: LogInput, extra: unknown[]): void {
    if (level < this.#level) return;
    if (this.#initBuffer) this.#initBuffer.push([level, input, extra]);
    else this.#print(level, this.#item(level, input, extra));
  }

  #withoutReservedKeys(attributes: Attributes, into: Attributes = {}): Attributes {
    for (const [key, value] of Object.entries(attributes)) {
      if (RESERVED_KEYS.includes(key)) this.warn(`The key "${key}" is a reserved key and will be dropped.`);
      else into[key] = value;
    }
    return into;
  }

  #item(level: number, input: LogInput, extra: unknown[]): Attributes {
    const timestamp = new Date();
    const traceId = xRayTraceId();
    const context = this.#context;
    const additional: Attributes = {};
    for (const [key, value] of Object.entries(this.#persistent))
      if (value !== undefined) additional[key] = value;
    for (const [key, type] of this.#keys)
      if (type === 'temp' && this.#temporary[key] !== undefined) additional[key] = this.#temporary[key];
    let message: unknown = input;
    if (typeof input !== 'string') {
      const { message: text, ...rest } = input;
      message = text;
      this.#withoutReservedKeys(rest, additional);
    }
    for (const item of extra) {
      if (item === null || item === undefined) continue;
      if (item instanceof Error) additional['error'] = item;
      else if (typeof item === 'string') additional['extra'] = item;
      else this.#withoutReservedKeys(item as Attributes, additional);
    }
    const base: Attributes = {
      level: levelName(level),
      message,
      timestamp: timestamp.toISOString(),
      service: this.#service,
      cold_start: context?.['coldStart'],
      function_arn: context?.['invokedFunctionArn'],
      function_memory_size: context?.['memoryLimitInMB'],
      function_name: context?.['functionName'],
      function_request_id: context?.['awsRequestId'],
      sampling_rate: this.#sampleRate,
      xray_trace_id: traceId,
      tenant_id: context?.['tenantId'],
    };
    return deepMerge(base, additional);
  }

  #print(level: number, attributes: Attributes): void {
    const line: Attributes = {};
    for (const key in attributes) {
      const value = attributes[key];
      if (value !== undefined && value !== '' && value !== null) line[key] = value;
    }
    const method = levelName(level).toLowerCase();
    (this.#console as unknown as Record<string, (text: string) => void>)[method]!(
      JSON.stringify(line, this.#replacer(), this.#indent),
    );
  }

  /** The caller's replacer first, then errors, bigints and repeated ancestors (cycles) as Powertools does. */
  #replacer() {
    const ancestors: unknown[] = [];
    const replacerFn = this.#replacerFn;
    return function (this: unknown, key: string, value: unknown) {
      let replaced = replacerFn ? replacerFn(key, value) : value;
      if (replaced instanceof Error) replaced = formatError(replaced);
      if (typeof replaced === 'bigint') return replaced.toString();
      if (typeof replaced === 'object' && replaced !== null) {
        while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop();
        if (ancestors.includes(replaced)) return undefined;
        ancestors.push(replaced);
      }
      return replaced;
    };
  }
}
