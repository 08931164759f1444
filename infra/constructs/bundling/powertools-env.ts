/**
 * What the Logger and Metrics stand-ins (powertools-logger/, powertools-metrics.ts) share with
 * @aws-lambda-powertools/commons: its environment readers, with the same defaults, trimming and
 * errors (commons/lib/esm/envUtils.js), its cold-start rule (Utility.js) and the console the
 * utilities write to.
 */
import { Console } from 'node:console';

/** A Powertools option or call the stand-ins do not implement (the real package would, perhaps differently). */
export class UnsupportedPowertoolsUseError extends Error {
  override name = 'UnsupportedPowertoolsUseError';
}

/** Throws on any option of `what` outside `supported`, rather than ignoring it. */
export function refuseOptions(what: string, options: object, supported: readonly string[]): void {
  const unsupported = Object.keys(options).filter((key) => !supported.includes(key));
  if (unsupported.length > 0)
    throw new UnsupportedPowertoolsUseError(`${what} options not supported in the bundles: ${unsupported}`);
}

/** `getStringFromEnv`: the trimmed value, the default when unset, an error when neither. */
export function envString(key: string, defaultValue?: string): string {
  const value = process.env[key];
  if (value !== undefined) return value.trim();
  if (defaultValue !== undefined) return defaultValue;
  throw new Error(`Environment variable ${key} is required`);
}

const TRUTHY = '1 y yes t true on'.split(' ');
const FALSY = '0 n no f false off'.split(' ');

/** `getBooleanFromEnv`: `true`/`false`, and with `extended` the usual yes/no spellings; anything else throws. */
export function envBoolean(key: string, defaultValue: boolean | undefined, extended?: boolean): boolean {
  const value = envString(key, defaultValue === undefined ? undefined : String(defaultValue)).toLowerCase();
  if (extended && TRUTHY.includes(value)) return true;
  if (extended && FALSY.includes(value)) return false;
  if (value !== 'true' && value !== 'false') throw new Error(`Environment variable ${key} must be a boolean`);
  return value === 'true';
}

/** `isDevMode`: POWERTOOLS_DEV read leniently; unset or unreadable is off. */
export function isDevMode(): boolean {
  try {
    return envBoolean('POWERTOOLS_DEV', undefined, true);
  } catch {
    return false;
  }
}

/**
 * Invocation-scoped state (Lambda Managed Instances run several invocations in one process; the
 * utilities then keep keys, context and metrics per invocation through @aws/lambda-invoke-store).
 * The stand-ins keep one state per process, which is right only when invocations do not overlap.
 */
export function refuseConcurrentInvocations(utility: string): void {
  if (envString('AWS_LAMBDA_MAX_CONCURRENCY', '') !== '')
    throw new UnsupportedPowertoolsUseError(
      `${utility} in the bundles: one state per process, no AWS_LAMBDA_MAX_CONCURRENCY`,
    );
}

/** Utility's cold start: true once, and only in an on-demand sandbox. */
export function coldStartOnce(): () => boolean {
  let cold = process.env['AWS_LAMBDA_INITIALIZATION_TYPE']?.trim() === 'on-demand';
  return () => {
    const was = cold;
    cold = false;
    return was;
  };
}

/**
 * The console the utilities print with: the global one in dev mode, otherwise one of their own on
 * stdout/stderr, so the lines stay bare JSON whatever the runtime does to the global console.
 */
export const utilityConsole = (devMode: boolean): Console =>
  devMode ? console : new Console({ stdout: process.stdout, stderr: process.stderr });
