import type { HistoryEvent } from '@aws-sdk/client-sfn';

/** One Lambda task invocation read from a history. */
export interface HistoryLambdaInvocation {
  functionName: string;
  /** Task started → result. Null for a `.waitForTaskToken` task: its result comes when the token is answered, which says nothing of how long the function ran. */
  durationMs: number | null;
  callback: boolean;
}

/** What one execution's history says it would bill on AWS. */
export interface ExecutionUsage {
  /**
   * Step Functions Standard bills a transition per state entered, and one more per retry of a
   * state ("each retry will be charged as an additional state transition").
   */
  stateTransitions: number;
  /** Of which retries (a task scheduled again in the same state visit). */
  retries: number;
  /** Lambda tasks invoked, counted when the task starts (the invocation), retries included. */
  lambdaInvocations: HistoryLambdaInvocation[];
  /** Service integrations the workflow calls itself, by `resourceType:resource` (e.g. `dynamodb:getItem`). */
  serviceCalls: Record<string, number>;
  /** Nested executions started (`states:startExecution`), whose usage is counted on their own. */
  nestedExecutions: number;
  /** The names of the states entered, in order: the path the execution took. */
  path: string[];
  /** History events (in the window): at log level ALL, Step Functions logs one record each. */
  events: number;
}

/** Half-open time window [from, to) in epoch milliseconds. */
export interface TimeWindow {
  from: number;
  to: number;
}

const functionNameOf = (parameters: string | undefined): string => {
  if (!parameters) return 'unknown';
  const value = (JSON.parse(parameters) as { FunctionName?: string }).FunctionName ?? 'unknown';
  return value.startsWith('arn:') ? (value.split(':')[6] ?? value) : value;
};

const timeOf = (event: HistoryEvent): number => (event.timestamp ? new Date(event.timestamp).getTime() : 0);

/**
 * Reads usage from a history in event order (the workflows here run one task at a time per
 * branch). With a window, only what happened in it is counted (states entered, tasks scheduled or
 * started then), so one history can be split into the phases of a run.
 */
export function executionUsage(events: readonly HistoryEvent[], window?: TimeWindow): ExecutionUsage {
  const usage: ExecutionUsage = {
    stateTransitions: 0,
    retries: 0,
    lambdaInvocations: [],
    serviceCalls: {},
    nestedExecutions: 0,
    path: [],
    events: 0,
  };
  const inWindow = (event: HistoryEvent) =>
    !window || (timeOf(event) >= window.from && timeOf(event) < window.to);
  // Task events point back through previousEventId; keep the scheduled task of each chain.
  const scheduled = new Map<
    number,
    { lambda: string | undefined; callback: boolean; started?: HistoryLambdaInvocation; startedAt?: number }
  >();
  const chainOf = new Map<number, number>();
  let scheduledInVisit = 0;
  for (const event of events) {
    const type = event.type ?? '';
    const id = event.id ?? 0;
    const counted = inWindow(event);
    if (counted) usage.events += 1;
    if (type.endsWith('StateEntered')) {
      scheduledInVisit = 0;
      if (counted) {
        usage.stateTransitions += 1;
        usage.path.push(event.stateEnteredEventDetails?.name ?? '?');
      }
    }
    if (type === 'TaskScheduled') {
      const details = event.taskScheduledEventDetails;
      const callback = details?.resource?.endsWith('.waitForTaskToken') ?? false;
      scheduledInVisit += 1;
      if (counted && scheduledInVisit > 1) {
        usage.retries += 1;
        usage.stateTransitions += 1;
      }
      if (details?.resourceType === 'lambda') {
        scheduled.set(id, { lambda: functionNameOf(details.parameters), callback });
      } else {
        const key = `${details?.resourceType}:${details?.resource}`;
        if (counted) {
          usage.serviceCalls[key] = (usage.serviceCalls[key] ?? 0) + 1;
          if (details?.resourceType === 'states' && details.resource?.startsWith('startExecution'))
            usage.nestedExecutions += 1;
        }
        scheduled.set(id, { lambda: undefined, callback });
      }
      chainOf.set(id, id);
      continue;
    }
    const root = chainOf.get(event.previousEventId ?? -1);
    if (root === undefined) continue;
    chainOf.set(id, root);
    const task = scheduled.get(root);
    if (!task?.lambda) continue;
    if (type === 'TaskStarted') {
      task.startedAt = timeOf(event);
      task.started = undefined;
      if (counted) {
        task.started = { functionName: task.lambda, durationMs: null, callback: task.callback };
        usage.lambdaInvocations.push(task.started);
      }
    } else if (['TaskSucceeded', 'TaskFailed', 'TaskTimedOut'].includes(type)) {
      if (task.started && !task.callback && task.startedAt !== undefined)
        task.started.durationMs = timeOf(event) - task.startedAt;
      task.started = undefined;
      task.startedAt = undefined;
    }
  }
  return usage;
}
