import {
  type ExecutionListItem,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { LambdaMeter } from './lambda-meter.ts';

/** Every execution of every state machine started at or after `since`. */
export async function executionsSince(sfn: SFNClient, since: number): Promise<ExecutionListItem[]> {
  const found: ExecutionListItem[] = [];
  let machinesToken: string | undefined;
  do {
    const machines = await sfn.send(new ListStateMachinesCommand({ nextToken: machinesToken }));
    for (const machine of machines.stateMachines ?? []) {
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(
          new ListExecutionsCommand({
            stateMachineArn: machine.stateMachineArn,
            maxResults: 1000,
            nextToken,
          }),
        );
        for (const execution of page.executions ?? []) {
          if ((execution.startDate?.getTime() ?? 0) >= since) found.push(execution);
        }
        nextToken = page.nextToken;
      } while (nextToken);
    }
    machinesToken = machines.nextToken;
  } while (machinesToken);
  return found;
}

export interface SettleOutcome {
  settled: boolean;
  /** Executions still running when it settled (or gave up): parked on a callback or a Wait. */
  running: number;
  /** Of those, waiting on a task token or a Wait state. */
  parked: number;
}

const PAUSE_MS = 400;

/**
 * Waits until the executions started since `since` stop moving: no Lambda invocation in flight,
 * every running execution parked (its last event a started `.waitForTaskToken` task, or a Wait
 * state entered), and nothing changed between two looks. Reads only the Step Functions API and
 * the Lambda meter, so waiting adds nothing to what the run is billed for.
 */
export async function waitUntilSettled(
  sfn: SFNClient,
  meter: LambdaMeter,
  since: number,
  deadline: number,
): Promise<SettleOutcome> {
  let previous = '';
  let last: SettleOutcome = { settled: false, running: 0, parked: 0 };
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    if (meter.inFlight() > 0) {
      previous = '';
      continue;
    }
    const running = (await executionsSince(sfn, since)).filter((execution) => execution.status === 'RUNNING');
    const lastEvents = await Promise.all(
      running.map(async (execution) => {
        const page = await sfn.send(
          new GetExecutionHistoryCommand({
            executionArn: execution.executionArn,
            reverseOrder: true,
            maxResults: 1,
          }),
        );
        return page.events?.[0];
      }),
    );
    const parked = lastEvents.filter(
      (event) =>
        (event?.type === 'TaskStarted' &&
          (event.taskStartedEventDetails?.resource?.endsWith('.waitForTaskToken') ?? false)) ||
        event?.type === 'WaitStateEntered',
    ).length;
    const signature = `${running.length}:${lastEvents.map((event) => event?.id ?? 0).join(',')}`;
    last = { settled: false, running: running.length, parked };
    if (parked === running.length && meter.inFlight() === 0 && signature === previous)
      return { ...last, settled: true };
    previous = signature;
  }
  return last;
}
