import type { ServiceContext } from './api/operations/context.ts';
import { startExecution } from './api/operations/executions.ts';
import { type EngineServer, serveStepFunctionsApi } from './api/server.ts';
import { operations } from './api/service.ts';
import type { Clock, LambdaInvoker, RunExecution } from './contract.ts';
import { createAwsClients } from './integrations/aws-clients.ts';
import { createTaskInvoker, isCallbackResource } from './integrations/index.ts';
import { createItemReader, createResultWriter } from './integrations/item-reader.ts';
import { runExecution as interpreter } from './interpreter/index.ts';
import { realClock } from './runtime/clock.ts';
import { createRuntime, type Runtime } from './runtime/runtime.ts';
import type { ExecutionStatusChangeDetail, ExecutionStatusChangeListener } from './runtime/status-change.ts';
import { openStore } from './runtime/store/sqlite-store.ts';

export type { EngineServer } from './api/server.ts';
export { createVirtualClock, realClock, type VirtualClock } from './runtime/clock.ts';
export type {
  ExecutionStatusChangeDetail,
  ExecutionStatusChangeListener,
} from './runtime/status-change.ts';

export interface EngineOptions {
  /** SQLite file of the durable store (default `.local/engine.db`); `:memory:` for throwaway engines. */
  storePath?: string;
  clock?: Clock;
  lambdaInvoker?: LambdaInvoker;
  /** Endpoints and credentials the DynamoDB and S3 integrations use (the local stand-ins, or AWS). */
  aws?: {
    endpoints?: { dynamodb?: string; s3?: string };
    credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  };
  region?: string;
  accountId?: string;
  /** The ASL interpreter (default: `local/engine/interpreter`); tests may pass a stand-in. */
  runExecution?: RunExecution;
  /** Resume the RUNNING executions found in the store (default true). */
  recover?: boolean;
  /**
   * Executions of sequential definitions (no Parallel, no Map) store only their journal, and their
   * history is rebuilt by replaying it when it is read (default true); false stores every event as
   * it happens, for every execution.
   */
  historyByReplay?: boolean;
  /**
   * Told when a standard execution starts, ends (SUCCEEDED, FAILED, TIMED_OUT, ABORTED) or is
   * redriven, with the `detail` of Step Functions' "Execution Status Change" event, once the change
   * is committed. Express executions send none, as on AWS. At least once: each event is stored
   * with its change until the listener has taken it (returned, or resolved the promise it
   * returned); the events a crash or a stop left are handed over again when the engine starts.
   */
  onExecutionStatusChange?: ExecutionStatusChangeListener;
  /** The status changes `onExecutionStatusChange` wants (default all): the others are neither stored nor delivered. */
  statusChangeFilter?: (detail: ExecutionStatusChangeDetail) => boolean;
}

type Operations = typeof operations;
type BoundOperations = {
  [Name in keyof Operations as Uncapitalize<Name & string>]: (
    input: Parameters<Operations[Name]>[1],
  ) => ReturnType<Operations[Name]>;
};

export type Engine = BoundOperations & {
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  readonly runtime: Runtime;
  readonly context: ServiceContext;
  /** Resolves once the execution is closed, with its DescribeExecution shape. */
  waitForExecution(executionArn: string): Promise<ReturnType<Operations['DescribeExecution']>>;
  close(): void;
};

/** Creates the durable Step Functions engine; running executions in the store resume at once. */
export function createEngine(options: EngineOptions = {}): Engine {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const clock = options.clock ?? realClock;
  const clients = createAwsClients({ region, ...options.aws });
  let context: ServiceContext;
  const invokeTask = createTaskInvoker({
    lambdaInvoker: options.lambdaInvoker,
    clients,
    region,
    accountId,
    nested: {
      startChild: (request) =>
        startExecution(
          context,
          { stateMachineArn: request.stateMachineArn, name: request.name, input: request.input },
          request.parentArn,
        ),
      waitForExecution: (arn) => context.runtime.waitForExecution(arn),
      stopExecution: (arn, error, cause) => {
        context.runtime.stop(arn, error, cause);
      },
    },
  });
  const runtimeFor = (storePath: string, onStatusChange?: ExecutionStatusChangeListener) =>
    createRuntime({
      ...(onStatusChange && { onStatusChange }),
      ...(onStatusChange && options.statusChangeFilter && { statusChangeFilter: options.statusChangeFilter }),
      store: openStore(storePath),
      clock,
      ...(options.historyByReplay === false && { historyByReplay: false }),
      runExecution: options.runExecution ?? interpreter,
      invokeTask,
      isCallback: isCallbackResource,
      readItems: createItemReader(clients),
      writeResults: createResultWriter(clients),
    });
  const runtime = runtimeFor(options.storePath ?? '.local/engine.db', options.onExecutionStatusChange);
  let express: Runtime | undefined;
  context = { runtime, expressRuntime: () => (express ??= runtimeFor(':memory:')), region, accountId };

  const bound = Object.fromEntries(
    Object.entries(operations).map(([name, operation]) => [
      name.charAt(0).toLowerCase() + name.slice(1),
      (input: unknown) => (operation as (context: ServiceContext, input: unknown) => unknown)(context, input),
    ]),
  ) as BoundOperations;

  if (options.recover !== false) runtime.recover();
  return {
    ...bound,
    region,
    accountId,
    clock,
    runtime,
    context,
    async waitForExecution(executionArn) {
      await runtime.waitForExecution(executionArn);
      return operations.DescribeExecution(context, { executionArn });
    },
    close() {
      runtime.close();
      express?.close();
    },
  };
}

/** Serves an engine's Step Functions API over HTTP (default 127.0.0.1:8083). */
export function startEngineServer(options: {
  engine: Engine;
  host?: string;
  port?: number;
}): Promise<EngineServer> {
  return serveStepFunctionsApi(options.engine.context, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 8083,
  });
}

/**
 * Settings for `new SFNClient(...)` against a local engine. `disableHostPrefix` matters: the SDK
 * otherwise sends StartSyncExecution to `sync-<host>`, as it does on AWS.
 */
export const localSfnClientConfig = (endpoint: string, region = 'us-east-1') => ({
  endpoint,
  region,
  disableHostPrefix: true,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
