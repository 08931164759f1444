import { dirname } from 'node:path';
import type { FunctionModel } from '../model/functions.ts';

/** Where the functions' SDK clients go; the standard `AWS_ENDPOINT_URL_<SERVICE>` variables carry it. */
export interface ServiceEndpoints {
  /** The DynamoDB fault proxy in front of DynamoDB Local (see dynamodb/dynamodb-proxy.ts). */
  dynamodb: string;
  s3: string;
  stepfunctions: string;
  /** Lambda's Invoke API, served on the HTTP API port. */
  lambda: string;
}

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * The environment a function sees: what Lambda sets, then the template's variables (already
 * resolved to local names). Nothing here is a local branch in function code: the SDK reads these
 * variables on AWS too, where they are simply absent.
 */
export function lambdaEnvironment(
  fn: FunctionModel,
  region: string,
  endpoints: ServiceEndpoints,
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.functionName}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: dirname(fn.modulePath),
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_SFN: endpoints.stepfunctions,
    AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda,
    // s3rver stores aws-chunked framing verbatim; plain payloads need these (the SDK reads them on AWS too).
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    ...fn.environment,
  };
}
