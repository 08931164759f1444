/**
 * Stands in for `@aws-lambda-powertools/logger/middleware` in the bundles (see ./index.ts):
 * Powertools' middy middleware (lib/esm/middleware/middy.js) for the options functions/ passes.
 * Before the handler: debug sampling drawn again, the Lambda context added, the event logged if
 * asked; after it or on error: temporary keys reset when `resetKeys` (or `clearState`).
 */
import { refuseOptions } from '../powertools-env.ts';
import type { Logger } from './index.ts';

// commons' LOGGER_KEY: Powertools' other middlewares call it to clean up when they return early.
const LOGGER_KEY = 'powertools-for-aws.logger';
const SUPPORTED_OPTIONS = ['logEvent', 'resetKeys', 'clearState'];

interface InjectOptions {
  logEvent?: boolean;
  resetKeys?: boolean;
  clearState?: boolean;
}

interface Request {
  event: unknown;
  context: Parameters<Logger['addContext']>[0];
  internal: Record<string, unknown>;
}

export function injectLambdaContext(target: Logger | Logger[], options?: InjectOptions) {
  refuseOptions('injectLambdaContext', options ?? {}, SUPPORTED_OPTIONS);
  const loggers = Array.isArray(target) ? target : [target];
  const resets = options?.clearState || options?.resetKeys;
  const after = () => {
    if (resets) for (const logger of loggers) logger.resetKeys();
  };
  return {
    before: (request: Request) => {
      for (const logger of loggers) {
        if (resets) request.internal = { ...request.internal, [LOGGER_KEY]: after };
        logger.refreshSampleRateCalculation();
        logger.addContext(request.context);
        logger.logEventIfEnabled(request.event, options?.logEvent);
      }
    },
    after,
    onError: after,
  };
}
