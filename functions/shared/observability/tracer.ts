import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * X-Ray tracer, opt-in per function: it bundles the X-Ray SDK (large), so the request-path
 * helpers never import it. A handler that wants traces imports this module and wraps its
 * clients with `tracer.captureAWSv3Client(client)`.
 */
export const tracer = new Tracer();
