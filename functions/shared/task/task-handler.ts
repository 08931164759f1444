import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { ValidationError } from '../errors/http-errors.ts';
import { parsePart } from '../http/validate.ts';
import { logger } from '../observability/logger.ts';
import { InvalidTaskInputError, TaskFailedError } from './task-error.ts';

export interface TaskContext {
  /** The Lambda request id, logged with every line and quoted in task errors. */
  requestId: string;
  lambdaContext: Context;
}

export interface TaskOptions<S extends z.ZodType, O> {
  /** Task name, for logs: `intake.load-household`. */
  name: string;
  /** Schema of the state input; workflow payloads carry identifiers only. */
  input: S;
  core: (input: z.output<S>, context: TaskContext) => Promise<O>;
}

/**
 * A Lambda handler for a Step Functions task. The input is validated (a malformed payload is a
 * bug in the workflow, reported as `InvalidTaskInput` with field paths only); any failure goes
 * back under its own name, for Retry and Catch, with a message free of personal data.
 */
export function taskHandler<S extends z.ZodType, O>(options: TaskOptions<S, O>) {
  return middy<unknown, O>()
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .handler(async (event, lambdaContext) => {
      const requestId = lambdaContext.awsRequestId;
      logger.appendKeys({ task: options.name });
      try {
        const input = parseTaskInput(options.input, event);
        return await options.core(input, { requestId, lambdaContext });
      } catch (error) {
        logger.error('Task failed', { task: options.name, requestId, error });
        throw new TaskFailedError(error, requestId);
      }
    });
}

function parseTaskInput<S extends z.ZodType>(schema: S, event: unknown): z.output<S> {
  try {
    return parsePart(schema, event, 'body');
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const paths = error.fieldsIn('en')?.map((field) => field.path || '(root)') ?? [];
    throw new InvalidTaskInputError({ paths, cause: error });
  }
}
