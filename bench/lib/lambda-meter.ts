import { Worker } from 'node:worker_threads';

/** One Lambda invocation as the sandbox ran it: what Lambda bills (requests, duration at memory). */
export interface MeteredInvocation {
  functionName: string;
  /** When the event was handed to the sandbox (epoch ms). */
  startedAt: number;
  /** Until the sandbox answered: the handler's run, plus the bundle import on a sandbox's first event. */
  durationMs: number;
  /** The sandbox's first event: its duration includes the import (Lambda's INIT phase). */
  cold: boolean;
}

export interface LambdaMeter {
  readonly invocations: readonly MeteredInvocation[];
  /** Invocations handed to a sandbox and not answered yet. */
  inFlight(): number;
  /** Puts Worker back as it was. */
  stop(): void;
}

interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  invokedFunctionArn: string;
}

interface ResultMessage {
  type: 'result';
  requestId: string;
}

const isInvoke = (message: unknown): message is InvokeMessage =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'invoke';

const isResult = (message: unknown): message is ResultMessage =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'result';

/** `arn:aws:lambda:region:account:function:name[:qualifier]` → `name`. */
export const functionNameOfArn = (arn: string): string => arn.split(':')[6] ?? arn;

/**
 * Times every Lambda invocation of the local runtime in this process. The runtime runs each
 * sandbox in a worker thread and talks to it in two messages, `invoke` (with a request id and the
 * function ARN) and `result` (with the same id); this wraps `Worker.prototype` to see both, so
 * the figures are the sandbox's own time, without the queueing before it (the histories'
 * TaskStarted → TaskSucceeded includes that), and they exist for callback tasks too, whose
 * history shows no end of the invocation. Start it before the runtime invokes anything.
 */
export function startLambdaMeter(): LambdaMeter {
  const proto = Worker.prototype as unknown as {
    postMessage: (message: unknown, ...rest: unknown[]) => void;
    emit: (event: string | symbol, ...args: unknown[]) => boolean;
  };
  const ownEmit = Object.hasOwn(proto, 'emit');
  const originalPost = proto.postMessage;
  const originalEmit = proto.emit;
  const invocations: MeteredInvocation[] = [];
  const pending = new Map<
    string,
    { worker: object; functionName: string; startedAt: number; cold: boolean; t: number }
  >();
  const settle = (requestId: string) => {
    const started = pending.get(requestId);
    if (!started) return;
    pending.delete(requestId);
    invocations.push({
      functionName: started.functionName,
      startedAt: started.startedAt,
      durationMs: performance.now() - started.t,
      cold: started.cold,
    });
  };
  const used = new WeakSet<object>();

  proto.postMessage = function (this: object, message: unknown, ...rest: unknown[]) {
    if (isInvoke(message)) {
      pending.set(message.requestId, {
        worker: this,
        functionName: functionNameOfArn(message.invokedFunctionArn),
        startedAt: Date.now(),
        cold: !used.has(this),
        t: performance.now(),
      });
      used.add(this);
    }
    return originalPost.call(this, message, ...rest);
  };
  proto.emit = function (this: object, event: string | symbol, ...args: unknown[]) {
    const message = args[0];
    if (event === 'message' && isResult(message)) settle(message.requestId);
    // A sandbox that timed out or crashed is terminated without answering: billed until then.
    if (event === 'exit' || event === 'error') {
      for (const [requestId, started] of pending) if (started.worker === this) settle(requestId);
    }
    return originalEmit.call(this, event, ...args);
  };

  return {
    invocations,
    inFlight: () => pending.size,
    stop() {
      proto.postMessage = originalPost;
      if (ownEmit) proto.emit = originalEmit;
      else delete (proto as { emit?: unknown }).emit;
    },
  };
}
