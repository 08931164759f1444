import type { HistoryEvent } from '@aws-sdk/client-sfn';

/** What one execution's history says it would bill on AWS. */
export interface ExecutionUsage {
  /** States entered: Step Functions Standard bills one transition per state entered. */
  stateTransitions: number;
  /** Lambda tasks invoked, with their duration (task started → result or token submitted). */
  lambdaInvocations: { functionName: string; durationMs: number }[];
  /** Service integrations the workflow calls itself, by `resourceType:resource` (e.g. `dynamodb:getItem`). */
  serviceCalls: Record<string, number>;
  /** Nested executions started (`states:startExecution`), whose usage is counted on their own. */
  nestedExecutions: number;
  /** The names of the states entered, in order: the path the execution took. */
  path: string[];
}

const functionNameOf = (parameters: string | undefined): string => {
  if (!parameters) return 'unknown';
  const value = (JSON.parse(parameters) as { FunctionName?: string }).FunctionName ?? 'unknown';
  return value.startsWith('arn:') ? (value.split(':')[6] ?? value) : value;
};

/** Reads usage from a history in event order (the workflows here run one task at a time per branch). */
export function executionUsage(events: readonly HistoryEvent[]): ExecutionUsage {
  const usage: ExecutionUsage = {
    stateTransitions: 0,
    lambdaInvocations: [],
    serviceCalls: {},
    nestedExecutions: 0,
    path: [],
  };
  // Task events point back through previousEventId; keep the scheduled task of each chain.
  const scheduled = new Map<number, { lambda: string | undefined; startedAt?: number }>();
  const chainOf = new Map<number, number>();
  for (const event of events) {
    const type = event.type ?? '';
    const id = event.id ?? 0;
    const root = chainOf.get(event.previousEventId ?? -1);
    if (type.endsWith('StateEntered')) {
      usage.stateTransitions += 1;
      usage.path.push(event.stateEnteredEventDetails?.name ?? '?');
    }
    if (type === 'TaskScheduled') {
      const details = event.taskScheduledEventDetails;
      const key = `${details?.resourceType}:${details?.resource}`;
      if (details?.resourceType === 'lambda') {
        scheduled.set(id, { lambda: functionNameOf(details.parameters) });
      } else {
        usage.serviceCalls[key] = (usage.serviceCalls[key] ?? 0) + 1;
        if (details?.resourceType === 'states' && details.resource?.startsWith('startExecution'))
          usage.nestedExecutions += 1;
        scheduled.set(id, { lambda: undefined });
      }
      chainOf.set(id, id);
      continue;
    }
    if (root === undefined) continue;
    chainOf.set(id, root);
    const task = scheduled.get(root);
    if (!task?.lambda) continue;
    const at = event.timestamp ? new Date(event.timestamp).getTime() : 0;
    if (type === 'TaskStarted') task.startedAt = at;
    else if (
      ['TaskSubmitted', 'TaskSucceeded', 'TaskFailed', 'TaskTimedOut'].includes(type) &&
      task.startedAt !== undefined
    ) {
      usage.lambdaInvocations.push({ functionName: task.lambda, durationMs: at - task.startedAt });
      task.startedAt = undefined;
    }
  }
  return usage;
}
