import { DescribeExecutionCommand, DescribeStateMachineCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { type AslState, flattenStates, isCallbackState, parseDefinition } from './asl-states.ts';
import { listExecutions } from './executions.ts';
import { getFullHistory } from './history.ts';
import { pickIdentifiers } from './identifiers.ts';
import { reconstructVisits, type StateVisit } from './state-visits.ts';

export interface WaitingExecution {
  executionArn: string;
  workflow: string;
  stateName: string;
  waitingSince: string;
  waitedMs: number;
  /** How long this wait is expected to take; undefined when nothing says. */
  expectedMs?: number | undefined;
  /** Callback waits that timed out just before this one (reminders, escalations). */
  timeouts: number;
  overdue: boolean;
  /** Identifier fields of the execution input (`caseId`, `householdId`, ...), nothing else. */
  identifiers: Record<string, string>;
}

export interface WaitingOptions {
  now?: Date;
  /** Expected wait by state name, overriding what the definition implies. */
  expectedMs?: Record<string, number>;
  /** Running executions examined at most (one history read each). */
  limit?: number;
}

/**
 * Running executions parked at a callback (`.waitForTaskToken`) state. A wait is overdue when it
 * has lasted longer than expected, or when the wait before it timed out (the workflow sent a
 * reminder or escalated and waits again: the human action is late). The expected time is
 * the `expectedMs` entry for the state, else its HeartbeatSeconds (the reminder interval), else
 * its TimeoutSeconds.
 */
export async function findWaitingExecutions(
  client: SFNClient,
  options: WaitingOptions = {},
): Promise<{ waiting: WaitingExecution[]; truncated: boolean }> {
  const now = options.now ?? new Date();
  const { executions, truncated } = await listExecutions(client, { status: 'RUNNING' }, options.limit ?? 200);
  const definitions = new Map<string, Promise<Map<string, AslState>>>();
  const statesOf = (stateMachineArn: string) => {
    let states = definitions.get(stateMachineArn);
    if (!states) {
      states = client
        .send(new DescribeStateMachineCommand({ stateMachineArn }))
        .then((machine) => flattenStates(parseDefinition(machine.definition)));
      definitions.set(stateMachineArn, states);
    }
    return states;
  };

  const waiting: WaitingExecution[] = [];
  for (const execution of executions) {
    const states = await statesOf(execution.stateMachineArn);
    const visits = reconstructVisits(await getFullHistory(client, execution.executionArn));
    const callbacks = visits
      .filter(
        (visit) =>
          isCallbackState(states.get(visit.stateName)) || visit.resource?.endsWith('.waitForTaskToken'),
      )
      .sort((a, b) => a.enteredEventId - b.enteredEventId);
    const open = callbacks.filter((visit) => visit.outcome === 'in-progress');
    if (open.length === 0) continue;
    const described = await client.send(
      new DescribeExecutionCommand({ executionArn: execution.executionArn }),
    );
    const identifiers = pickIdentifiers(described.input);
    for (const visit of open) {
      const expectedMs =
        options.expectedMs?.[visit.stateName] ?? expectedFromDefinition(states.get(visit.stateName));
      const waitedMs = now.getTime() - visit.enteredAt.getTime();
      const timeouts = timedOutBefore(callbacks, visit);
      waiting.push({
        executionArn: execution.executionArn,
        workflow: execution.workflow,
        stateName: visit.stateName,
        waitingSince: visit.enteredAt.toISOString(),
        waitedMs,
        expectedMs,
        timeouts,
        overdue: timeouts > 0 || (expectedMs !== undefined && waitedMs > expectedMs),
        identifiers,
      });
    }
  }
  waiting.sort((a, b) => b.waitedMs - a.waitedMs);
  return { waiting, truncated };
}

/**
 * The callback waits that timed out just before this one: a reminder or escalation chain
 * ("Wait for supervisor review" → "Wait for review after reminder" → ...). A wait that was
 * answered ends the chain.
 */
function timedOutBefore(callbacks: StateVisit[], visit: StateVisit): number {
  let count = 0;
  for (const earlier of callbacks.slice(0, callbacks.indexOf(visit)).reverse()) {
    if (!earlier.timedOut) break;
    count += 1;
  }
  return count;
}

function expectedFromDefinition(state: AslState | undefined): number | undefined {
  const seconds = state?.HeartbeatSeconds ?? state?.TimeoutSeconds;
  return typeof seconds === 'number' ? seconds * 1000 : undefined;
}
