import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Metrics in EMF, created once per container; namespace and service from
 * POWERTOOLS_METRICS_NAMESPACE and POWERTOOLS_SERVICE_NAME. Dimensions are route keys, sites
 * and outcomes only: never an id of a person or a case (unbounded, and identifying).
 */
export const metrics = new Metrics({ defaultDimensions: {} });
