import { type ExecutionStatus, ListExecutionsCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { EXECUTION_STATUSES, listAllStateMachines } from './executions.ts';

export interface MachineSummary {
  stateMachineArn: string;
  name: string;
  type: string;
  creationDate: string;
  /** Absent for Express machines, whose executions ListExecutions does not list. */
  counts?: Record<ExecutionStatus, number>;
  /** True when a machine has more executions than were counted (counts are then lower bounds). */
  capped: boolean;
}

/**
 * Counts executions by status for every machine. There is no count API, so this pages through
 * ListExecutions up to `cap` executions per machine; on AWS with large histories the counts
 * become lower bounds and `capped` says so.
 */
export async function summariseMachines(client: SFNClient, cap = 5_000): Promise<MachineSummary[]> {
  const machines = await listAllStateMachines(client);
  return Promise.all(
    machines.map(async (machine): Promise<MachineSummary> => {
      const summary = {
        stateMachineArn: machine.stateMachineArn!,
        name: machine.name!,
        type: machine.type ?? 'STANDARD',
        creationDate: machine.creationDate?.toISOString() ?? '',
      };
      if (machine.type === 'EXPRESS') return { ...summary, capped: false };
      const counts = Object.fromEntries(EXECUTION_STATUSES.map((status) => [status, 0])) as Record<
        ExecutionStatus,
        number
      >;
      let seen = 0;
      let nextToken: string | undefined;
      do {
        const page = await client.send(
          new ListExecutionsCommand({
            stateMachineArn: machine.stateMachineArn,
            maxResults: 1000,
            nextToken,
          }),
        );
        for (const execution of page.executions ?? []) {
          const status = execution.status as ExecutionStatus;
          counts[status] = (counts[status] ?? 0) + 1;
          seen += 1;
        }
        nextToken = page.nextToken;
      } while (nextToken && seen < cap);
      return { ...summary, counts, capped: Boolean(nextToken) };
    }),
  );
}
