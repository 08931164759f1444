import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { FunctionModel } from '../model/functions.ts';
import { createConcurrencyGate } from './concurrency-gate.ts';
import type { FaultInjector } from './faults.ts';
import {
  FunctionNotFoundError,
  type LambdaErrorPayload,
  RunnerStoppedError,
  TooManyRequestsError,
  timeoutError,
} from './lambda-errors.ts';

export type InvocationResult = { ok: true; payload: unknown } | { ok: false; error: LambdaErrorPayload };

export interface LambdaRunner {
  /** Finds a function by name, ARN, or ARN with a qualifier (`:$LATEST`, an alias): what Lambda accepts. */
  find(nameOrArn: string): FunctionModel | undefined;
  /** A synchronous (RequestResponse) invocation; function errors are results, not rejections. */
  invoke(nameOrArn: string, event: unknown): Promise<InvocationResult>;
  /** Terminates every execution environment. */
  stop(): Promise<void>;
}

export interface LambdaRunnerOptions {
  functions: FunctionModel[];
  environmentOf(fn: FunctionModel): Record<string, string>;
  faults: FaultInjector;
  /** Warm environments kept per function beyond those busy (Lambda keeps idle sandboxes for a while). */
  maxIdlePerFunction?: number;
  /** Idle environments are discarded after this long (default 5 minutes), as Lambda reclaims them. */
  idleTtlMs?: number;
  /**
   * Invocations of one function running at once (default 8); more wait their turn. AWS would run
   * them in parallel; one machine cannot host hundreds of sandboxes.
   */
  maxConcurrentPerFunction?: number;
}

/**
 * Lambda gives a function's init phase (importing the bundle) its own 10 s, outside the invocation
 * timeout; past that, init is redone within the invocation and counts against it.
 */
const INIT_BUDGET_MS = 10_000;

interface Sandbox {
  worker: Worker;
  /** Settles when the bundle is imported (or failed to), or when the init budget is spent. */
  initialized: Promise<void>;
  idleSince?: number;
  pending?: { requestId: string; settle: (result: InvocationResult) => void };
}

type WorkerReply =
  | { type: 'ready' }
  | ({ type: 'result'; requestId: string } & (
      | { ok: true; payload: string }
      | { ok: false; error: LambdaErrorPayload }
    ));

const WORKER_URL = new URL('./lambda-worker.ts', import.meta.url);

/** Runs functions in worker threads, one invocation per worker at a time, each with its own environment. */
export function createLambdaRunner(options: LambdaRunnerOptions): LambdaRunner {
  const idle = new Map<string, Sandbox[]>();
  const inFlight = new Map<string, number>();
  const all = new Set<Sandbox>();
  const maxIdle = options.maxIdlePerFunction ?? 4;
  const idleTtlMs = options.idleTtlMs ?? 5 * 60_000;
  const gates = new Map<string, ReturnType<typeof createConcurrencyGate>>();
  const gateOf = (fn: FunctionModel) => {
    let gate = gates.get(fn.functionName);
    if (!gate) {
      gate = createConcurrencyGate(options.maxConcurrentPerFunction ?? 8);
      gates.set(fn.functionName, gate);
    }
    return gate;
  };
  const sweeper = setInterval(
    () => {
      const cutoff = Date.now() - idleTtlMs;
      for (const list of idle.values()) {
        for (const sandbox of list.filter((s) => (s.idleSince ?? Infinity) < cutoff)) retire(sandbox);
      }
    },
    Math.min(30_000, idleTtlMs),
  );
  sweeper.unref();

  const find = (nameOrArn: string): FunctionModel | undefined => {
    const name = nameOrArn.startsWith('arn:') ? (nameOrArn.split(':')[6] ?? '') : nameOrArn.split(':')[0]!;
    return options.functions.find((fn) => fn.functionName === name);
  };

  const retire = (sandbox: Sandbox): void => {
    all.delete(sandbox);
    for (const list of idle.values()) {
      const at = list.indexOf(sandbox);
      if (at >= 0) list.splice(at, 1);
    }
    void sandbox.worker.terminate();
  };

  const createSandbox = (fn: FunctionModel): Sandbox => {
    const worker = new Worker(WORKER_URL, {
      env: options.environmentOf(fn),
      workerData: {
        modulePath: fn.modulePath,
        handlerName: fn.handlerName,
        functionName: fn.functionName,
        memoryMb: fn.memoryMb,
      },
      resourceLimits: { maxOldGenerationSizeMb: fn.memoryMb },
      // Forwarded by hand: piping dozens of workers into process.stdout trips its listener limit.
      stdout: true,
      stderr: true,
    });
    worker.stdout.on('data', (chunk: Buffer) => process.stdout.write(chunk));
    worker.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    let initDone = (): void => undefined;
    const initialized = new Promise<void>((resolve) => {
      initDone = resolve;
      setTimeout(resolve, INIT_BUDGET_MS).unref();
    });
    const sandbox: Sandbox = { worker, initialized };
    const fail = (error: LambdaErrorPayload) => {
      const pending = sandbox.pending;
      sandbox.pending = undefined;
      retire(sandbox);
      pending?.settle({ ok: false, error });
    };
    worker.on('message', (message: WorkerReply) => {
      if (message.type === 'ready') {
        initDone();
        return;
      }
      const pending = sandbox.pending;
      if (!pending || pending.requestId !== message.requestId) return;
      sandbox.pending = undefined;
      pending.settle(
        message.ok ? { ok: true, payload: JSON.parse(message.payload) } : { ok: false, error: message.error },
      );
    });
    worker.on('error', (error: Error & { code?: string }) =>
      fail({
        errorType:
          error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'Runtime.OutOfMemory' : 'Runtime.UnhandledError',
        errorMessage: error.message,
        trace: (error.stack ?? '').split('\n'),
      }),
    );
    worker.on('exit', (code) => {
      initDone();
      fail({
        errorType: 'Runtime.ExitError',
        errorMessage: `Runtime exited with error: exit status ${code}`,
        trace: [],
      });
    });
    all.add(sandbox);
    return sandbox;
  };

  const run = (fn: FunctionModel, event: unknown, invokedArn: string): Promise<InvocationResult> => {
    const requestId = randomUUID();
    const list = idle.get(fn.functionName) ?? [];
    idle.set(fn.functionName, list);
    const sandbox = list.pop() ?? createSandbox(fn);
    sandbox.idleSince = undefined;
    const timeoutMs = fn.timeoutSeconds * 1000;
    return new Promise<InvocationResult>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const onTimeout = () => {
        // A timed-out sandbox is not reused: its handler may still be running.
        sandbox.pending = undefined;
        retire(sandbox);
        resolve({ ok: false, error: timeoutError(requestId, fn.timeoutSeconds) });
      };
      let settled = false;
      void sandbox.initialized.then(() => {
        if (!settled) timer = setTimeout(onTimeout, timeoutMs);
      });
      sandbox.pending = {
        requestId,
        settle: (result) => {
          settled = true;
          clearTimeout(timer);
          if (all.has(sandbox)) {
            sandbox.idleSince = Date.now();
            if (list.length < maxIdle) list.push(sandbox);
            else retire(sandbox);
          }
          resolve(result);
        },
      };
      sandbox.worker.postMessage({
        type: 'invoke',
        requestId,
        invokedFunctionArn: invokedArn,
        timeoutMs,
        event: JSON.stringify(event ?? null),
      });
    });
  };

  // An asynchronous retry due after shutdown would otherwise start a worker that outlives it.
  let stopped = false;
  const invoke = async (nameOrArn: string, event: unknown): Promise<InvocationResult> => {
    if (stopped) throw new RunnerStoppedError();
    const fn = find(nameOrArn);
    if (!fn) throw new FunctionNotFoundError(nameOrArn);
    const fault = options.faults.take(fn.functionName);
    const running = inFlight.get(fn.functionName) ?? 0;
    if (
      fault?.kind === 'throttle' ||
      (fn.reservedConcurrency !== undefined && running >= fn.reservedConcurrency)
    ) {
      throw new TooManyRequestsError();
    }
    if (fault?.kind === 'throw') {
      return {
        ok: false,
        error: {
          errorType: fault.errorType ?? 'Error',
          errorMessage: fault.errorMessage ?? 'Injected fault',
          trace: [],
        },
      };
    }
    if (fault?.kind === 'timeout') {
      await new Promise((resolve) => setTimeout(resolve, fault.afterMs ?? 0));
      return { ok: false, error: timeoutError(randomUUID(), fn.timeoutSeconds) };
    }
    inFlight.set(fn.functionName, running + 1);
    const release = await gateOf(fn).acquire();
    try {
      return await run(fn, event, nameOrArn.startsWith('arn:') ? nameOrArn : fn.arn);
    } finally {
      release();
      inFlight.set(fn.functionName, (inFlight.get(fn.functionName) ?? 1) - 1);
    }
  };

  const stop = async (): Promise<void> => {
    stopped = true;
    clearInterval(sweeper);
    const sandboxes = [...all];
    all.clear();
    idle.clear();
    await Promise.all(sandboxes.map((s) => s.worker.terminate()));
  };

  return { find, invoke, stop };
}
