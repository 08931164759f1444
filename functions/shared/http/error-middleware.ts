import type { MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { languageFrom } from '#domain/i18n/language.ts';
import { logger } from '../observability/logger.ts';
import { errorReply, isCallerError } from './error-reply.ts';
import { toHttpResult } from './reply.ts';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

/** The request id the caller sees; the Lambda one if the event has none (direct invoke). */
export function requestIdOf(event: Event, context: Context): string {
  return event.requestContext?.requestId ?? context.awsRequestId;
}

/**
 * Turns any error into the API's error answer. Caller errors (status < 500) are logged by code;
 * anything else is logged by class and stack frames only (the PII guard drops messages) and
 * answered with a plain 500.
 */
export function errorMiddleware(routeKey: string): MiddlewareObj<Event, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      const { error, event, context } = request;
      const requestId = requestIdOf(event, context);
      if (isCallerError(error)) {
        logger.info('Request refused', { routeKey, requestId, status: error.status, code: error.code });
      } else {
        logger.error('Request failed', { routeKey, requestId, error });
      }
      const lang = languageFrom(event.headers?.['accept-language']);
      request.response = toHttpResult(errorReply(error, lang), requestId);
    },
  };
}
