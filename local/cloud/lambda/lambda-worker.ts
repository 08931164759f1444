/**
 * One Lambda execution environment: a worker thread that imports a synthesized bundle once (the
 * cold start) and then runs one invocation at a time, as a Lambda sandbox does. It only imports
 * Node built-ins and uses erasable TypeScript, so Node runs it directly whatever loader started
 * the parent (tsx, vitest).
 */

import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

interface WorkerSetup {
  modulePath: string;
  handlerName: string;
  functionName: string;
  memoryMb: number;
}

interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  invokedFunctionArn: string;
  /** The function's timeout: the invocation's clock starts once init is over. */
  timeoutMs: number;
  /** The event as JSON text, as Lambda hands it over. */
  event: string;
}

type Handler = (event: unknown, context: Record<string, unknown>) => unknown;

const setup = workerData as WorkerSetup;

// NODE_OPTIONS cannot reach a worker thread; honour the one flag bundles rely on for readable traces.
if (process.env.NODE_OPTIONS?.includes('--enable-source-maps')) process.setSourceMapsEnabled(true);

function describe(
  error: unknown,
  fallbackType: string,
): { errorType: string; errorMessage: string; trace: string[] } {
  if (error instanceof Error) {
    return {
      errorType:
        error.name && error.name !== 'Error' ? error.name : fallbackType === 'Error' ? 'Error' : fallbackType,
      errorMessage: error.message,
      trace: (error.stack ?? '').split('\n'),
    };
  }
  return { errorType: fallbackType, errorMessage: String(error), trace: [] };
}

const loading: Promise<Handler> = (async () => {
  const loaded = (await import(pathToFileURL(setup.modulePath).href)) as Record<string, unknown>;
  const handler =
    loaded[setup.handlerName] ?? (loaded.default as Record<string, unknown> | undefined)?.[setup.handlerName];
  if (typeof handler !== 'function') {
    const error = new Error(
      `${setup.modulePath.split('/').pop()}.${setup.handlerName} is undefined or not exported`,
    );
    error.name = 'Runtime.HandlerNotFound';
    throw error;
  }
  return handler as Handler;
})();
// Init errors are reported on the first invocation, as Lambda reports them. Either way the parent
// learns that init is over: Lambda does not count the init phase against the function's timeout.
loading.then(
  () => parentPort!.postMessage({ type: 'ready' }),
  () => parentPort!.postMessage({ type: 'ready' }),
);

const logStream = `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${randomBytes(16).toString('hex')}`;

parentPort!.on('message', async (message: InvokeMessage) => {
  const { requestId } = message;
  let handler: Handler;
  try {
    handler = await loading;
  } catch (error) {
    const described = describe(error, 'Runtime.ImportModuleError');
    if (described.errorType === 'Error') described.errorType = 'Runtime.ImportModuleError';
    parentPort!.postMessage({ type: 'result', requestId, ok: false, error: described });
    return;
  }
  const deadline = Date.now() + message.timeoutMs;
  process.env._X_AMZN_TRACE_ID = `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: setup.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: String(setup.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${setup.functionName}`,
    logStreamName: logStream,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await handler(JSON.parse(message.event), context);
    const payload = result === undefined ? 'null' : JSON.stringify(result);
    parentPort!.postMessage({ type: 'result', requestId, ok: true, payload });
  } catch (error) {
    parentPort!.postMessage({ type: 'result', requestId, ok: false, error: describe(error, 'Error') });
  }
});
