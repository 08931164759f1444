import type { ExecutionStatus, HistoryEvent } from '@aws-sdk/client-sfn';
import { formatDuration } from './duration.ts';
import type { ExecutionRow } from './executions.ts';
import { eventDetails } from './history.ts';
import type { MachineSummary } from './machines.ts';
import { formatTable } from './table.ts';
import type { WaitingExecution } from './waiting.ts';

/** Human-readable renderings of what the ops commands fetch; `--json` bypasses these. */

export function formatExecutions(rows: ExecutionRow[], now = new Date()): string {
  return formatTable(
    [
      { header: 'WORKFLOW', value: (row) => row.workflow },
      { header: 'NAME', value: (row) => row.name, maxWidth: 40 },
      { header: 'STATUS', value: (row) => row.status },
      { header: 'STARTED', value: (row) => row.startDate.replace('T', ' ').slice(0, 19) },
      {
        header: 'DURATION',
        value: (row) =>
          formatDuration(
            (row.stopDate ? Date.parse(row.stopDate) : now.getTime()) - Date.parse(row.startDate),
          ),
      },
      { header: 'REDRIVES', value: (row) => String(row.redriveCount ?? 0) },
      { header: 'EXECUTION ARN', value: (row) => row.executionArn },
    ],
    rows,
  );
}

export function formatHistory(events: HistoryEvent[]): string {
  const start = events[0]?.timestamp?.getTime() ?? 0;
  return formatTable(
    [
      { header: 'ID', value: (event) => String(event.id ?? '') },
      { header: 'TYPE', value: (event) => event.type ?? '' },
      { header: 'STATE', value: (event) => String(eventDetails(event)?.name ?? '') },
      {
        header: 'ELAPSED',
        value: (event) => `+${formatDuration((event.timestamp?.getTime() ?? start) - start)}`,
      },
      { header: 'TIMESTAMP', value: (event) => event.timestamp?.toISOString() ?? '' },
      { header: 'ERROR', value: (event) => String(eventDetails(event)?.error ?? '') },
      { header: 'CAUSE', value: (event) => String(eventDetails(event)?.cause ?? ''), maxWidth: 60 },
    ],
    events,
  );
}

export function formatMachines(machines: MachineSummary[]): string {
  const count = (machine: MachineSummary, status: ExecutionStatus) =>
    machine.counts ? `${machine.counts[status]}${machine.capped ? '+' : ''}` : '-';
  return formatTable(
    [
      { header: 'NAME', value: (machine) => machine.name },
      { header: 'TYPE', value: (machine) => machine.type },
      { header: 'RUNNING', value: (machine) => count(machine, 'RUNNING') },
      { header: 'SUCCEEDED', value: (machine) => count(machine, 'SUCCEEDED') },
      { header: 'FAILED', value: (machine) => count(machine, 'FAILED') },
      { header: 'TIMED_OUT', value: (machine) => count(machine, 'TIMED_OUT') },
      { header: 'ABORTED', value: (machine) => count(machine, 'ABORTED') },
      { header: 'PENDING_REDRIVE', value: (machine) => count(machine, 'PENDING_REDRIVE') },
      { header: 'ARN', value: (machine) => machine.stateMachineArn },
    ],
    machines,
  );
}

export function formatWaiting(rows: WaitingExecution[]): string {
  return formatTable(
    [
      { header: 'WORKFLOW', value: (row) => row.workflow },
      { header: 'WAITING AT', value: (row) => row.stateName },
      { header: 'WAITED', value: (row) => formatDuration(row.waitedMs) },
      {
        header: 'EXPECTED',
        value: (row) => (row.expectedMs === undefined ? '-' : formatDuration(row.expectedMs)),
      },
      { header: 'TIMEOUTS', value: (row) => String(row.timeouts) },
      {
        header: 'IDS',
        value: (row) =>
          Object.entries(row.identifiers)
            .map(([key, value]) => `${key}=${value}`)
            .join(' '),
        maxWidth: 50,
      },
      { header: 'EXECUTION ARN', value: (row) => row.executionArn },
    ],
    rows,
  );
}
