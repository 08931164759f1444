import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';

/** Where the latest run of an execution stopped, from its history. */
export interface FailedState {
  /** Name of the last state entered (the one that failed, or the Fail state reached). */
  state: string | undefined;
  /** False when the execution has moved on since (a redrive started): the event is stale. */
  ended: boolean;
}

const TERMINAL = new Set(['ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted', 'ExecutionSucceeded']);
const PAGE = 100;
const MAX_PAGES = 5;

/**
 * Reads the history newest first, without execution data (names only, never inputs or causes),
 * until the last state entered. Retries of a failing task add a few events each, so a page or
 * two is enough; past MAX_PAGES the state is left unknown rather than read forever.
 */
export async function failedStateOf(sfn: SFNClient, executionArn: string): Promise<FailedState> {
  let nextToken: string | undefined;
  let ended: boolean | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn,
        reverseOrder: true,
        maxResults: PAGE,
        includeExecutionData: false,
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    const events: HistoryEvent[] = answer.events ?? [];
    ended ??= events.length > 0 && TERMINAL.has(String(events[0]!.type));
    const entered = events.find((event) => String(event.type).endsWith('StateEntered'));
    if (entered) return { state: entered.stateEnteredEventDetails?.name, ended };
    nextToken = answer.nextToken;
    if (!nextToken) break;
  }
  return { state: undefined, ended: ended ?? false };
}
