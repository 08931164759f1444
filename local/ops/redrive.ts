import {
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  RedriveExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { flattenStates, parseDefinition } from './asl-states.ts';
import { getFullHistory } from './history.ts';
import { reconstructVisits, summariseStates } from './state-visits.ts';

export interface RedriveProgress {
  status: string;
  /** States that have completed in the run so far (each state counted once). */
  statesDone: number;
  statesTotal: number;
  elapsedMs: number;
}

export interface RedriveResult {
  executionArn: string;
  redriveDate: string;
  status?: string;
  error?: string | undefined;
  cause?: string | undefined;
}

/**
 * Redrives a failed, timed out or aborted execution. With `wait`, polls until it ends and
 * reports progress as states completed out of the definition's states (a run need not visit
 * them all, so the bar jumps to full at the end).
 */
export async function redriveExecution(
  client: SFNClient,
  executionArn: string,
  options: {
    wait?: boolean;
    pollMs?: number;
    timeoutMs?: number;
    onProgress?: (progress: RedriveProgress) => void;
  } = {},
): Promise<RedriveResult> {
  const redriven = await client.send(new RedriveExecutionCommand({ executionArn }));
  const result: RedriveResult = { executionArn, redriveDate: redriven.redriveDate?.toISOString() ?? '' };
  if (!options.wait) return result;
  const machine = await client.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
  const statesTotal = flattenStates(parseDefinition(machine.definition)).size;
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 10 * 60_000);
  for (;;) {
    const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
    const status = execution.status ?? 'UNKNOWN';
    const done = status !== 'RUNNING';
    const summaries = summariseStates(reconstructVisits(await getFullHistory(client, executionArn)));
    const succeeded = [...summaries.values()].filter((summary) => summary.outcome === 'succeeded').length;
    options.onProgress?.({
      status,
      statesDone: done && status === 'SUCCEEDED' ? statesTotal : Math.min(succeeded, statesTotal),
      statesTotal,
      elapsedMs: Date.now() - started,
    });
    if (done) return { ...result, status, error: execution.error, cause: execution.cause };
    if (Date.now() > deadline) return { ...result, status };
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
}
