import {
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { parseDefinition } from '../../ops/asl-states.ts';
import { eventDetails, getFullHistory, withoutData } from '../../ops/history.ts';
import { executionGraph } from '../graph/execution-graph.ts';
import type { Language } from '../graph/node-status.ts';

/**
 * One execution for the detail view: description, graph, history, failure. Input, output and
 * event payloads are left out unless `includeData` (the page's "Show data" toggle): payloads
 * carry identifiers only, but an operator looking at a failure rarely needs them.
 */
export async function executionDetailEndpoint(
  client: SFNClient,
  executionArn: string,
  includeData: boolean,
  language: Language = 'en',
) {
  const [execution, machine, events] = await Promise.all([
    client.send(new DescribeExecutionCommand({ executionArn })),
    client.send(new DescribeStateMachineForExecutionCommand({ executionArn })),
    getFullHistory(client, executionArn, { includeExecutionData: includeData }),
  ]);
  const status = execution.status ?? 'UNKNOWN';
  const workflow = machine.name ?? executionArn.split(':')[6] ?? '';
  const graph = executionGraph(
    parseDefinition(machine.definition),
    events,
    status,
    `${workflow} / ${execution.name}: ${status}`,
    language,
  );
  const failedState = graph.states.find((state) => state.status === 'failed');
  return {
    execution: {
      executionArn,
      name: execution.name,
      workflow,
      stateMachineArn: execution.stateMachineArn,
      status,
      startDate: execution.startDate?.toISOString(),
      stopDate: execution.stopDate?.toISOString(),
      error: execution.error,
      cause: execution.cause,
      redriveCount: execution.redriveCount ?? 0,
      redriveStatus: execution.redriveStatus,
      redriveStatusReason: execution.redriveStatusReason,
      ...(includeData ? { input: execution.input, output: execution.output } : {}),
    },
    failure:
      status === 'FAILED' || status === 'TIMED_OUT' || failedState
        ? {
            stateName: failedState?.name,
            error: execution.error ?? failedState?.error,
            cause: execution.cause ?? failedState?.cause,
          }
        : undefined,
    graph,
    events: events.map((event) => tableEvent(includeData ? event : withoutData(event), includeData)),
  };
}

function tableEvent(event: HistoryEvent, includeData: boolean) {
  const details = eventDetails(event) ?? {};
  return {
    id: event.id,
    previousEventId: event.previousEventId,
    type: event.type,
    timestamp: event.timestamp?.toISOString(),
    stateName: typeof details.name === 'string' ? details.name : undefined,
    error: typeof details.error === 'string' ? details.error : undefined,
    cause: typeof details.cause === 'string' ? details.cause : undefined,
    ...(includeData ? { details } : {}),
  };
}
