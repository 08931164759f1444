import { Logger } from '@aws-lambda-powertools/logger';
import { piiGuard } from './pii-guard.ts';

/**
 * The one logger of a function, created once per container. Service name and level come from
 * POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL; every item passes through the PII guard.
 */
export const logger = new Logger({ jsonReplacerFn: piiGuard });
