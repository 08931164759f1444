import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LambdaErrorPayload } from './lambda-errors.ts';
import type { LambdaRunner } from './lambda-runner.ts';

const PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/**
 * Lambda's Invoke API (`POST /2015-03-31/functions/<name>/invocations`), so the AWS CLI, the SDK's
 * LambdaClient (`AWS_ENDPOINT_URL_LAMBDA`) or curl can call a function directly:
 * `X-Amz-Invocation-Type` RequestResponse (default), Event (202 once stored in the durable queue;
 * retried and dead-lettered like S3 events) or DryRun (204); a function error answers 200 with `X-Amz-Function-Error: Unhandled`.
 */
export function invokeEndpoint(options: {
  runner: LambdaRunner;
  /** Stores the event before returning (durable), so the 202 is never answered for a lost event. */
  invokeAsync(functionArn: string, event: unknown): void;
}) {
  const refuse = (res: ServerResponse, status: number, type: string, message: string) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
    res.end(JSON.stringify({ Type: 'User', message }));
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const match = PATH.exec(new URL(req.url ?? '/', 'http://local').pathname);
    if (!match || req.method !== 'POST') return refuse(res, 404, 'ResourceNotFoundException', 'Not found');
    const name = decodeURIComponent(match[1]!);
    const fn = options.runner.find(name);
    if (!fn) return refuse(res, 404, 'ResourceNotFoundException', `Function not found: ${name}`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let event: unknown;
    try {
      event = text ? JSON.parse(text) : {};
    } catch {
      return refuse(res, 400, 'InvalidRequestContentException', 'Could not parse request body into json');
    }
    const type = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    if (type === 'DryRun') return void res.writeHead(204).end();
    if (type === 'Event') {
      options.invokeAsync(fn.arn, event);
      return void res.writeHead(202).end();
    }
    let result: Awaited<ReturnType<LambdaRunner['invoke']>>;
    try {
      result = await options.runner.invoke(fn.arn, event);
    } catch (error) {
      const name = error instanceof Error ? error.name : 'ServiceException';
      return refuse(
        res,
        name === 'TooManyRequestsException' ? 429 : 500,
        name,
        String((error as Error).message),
      );
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-amz-executed-version': '$LATEST',
    };
    if (!result.ok) headers['x-amz-function-error'] = 'Unhandled';
    res.writeHead(200, headers);
    res.end(JSON.stringify(result.ok ? result.payload : (result.error satisfies LambdaErrorPayload)));
  };
}
