/** A function error in the shape Lambda returns it (`X-Amz-Function-Error` body). */
export interface LambdaErrorPayload {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

/** How an invoker rejects: `name` is the Lambda `errorType`, as Step Functions sees it. */
export class LambdaFunctionError extends Error {
  readonly payload: LambdaErrorPayload;

  constructor(payload: LambdaErrorPayload) {
    super(payload.errorMessage);
    this.name = payload.errorType;
    this.payload = payload;
  }
}

export class FunctionNotFoundError extends Error {
  constructor(nameOrArn: string) {
    super(`Function not found: ${nameOrArn}`);
    this.name = 'ResourceNotFoundException';
  }
}

export function timeoutError(requestId: string, seconds: number): LambdaErrorPayload {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds.toFixed(2)} seconds`,
    trace: [],
  };
}

/** Lambda refuses an invocation beyond the function's reserved concurrency (or an injected throttle). */
export class TooManyRequestsError extends Error {
  constructor() {
    super('Rate Exceeded.');
    this.name = 'TooManyRequestsException';
  }
}

/** The local cloud is shutting down: no new invocation starts a sandbox, and none is retried. */
export class RunnerStoppedError extends Error {
  constructor() {
    super('The Lambda runner has stopped');
    this.name = 'RunnerStoppedError';
  }
}
