import { ExecutionDoesNotExistError } from '../../runtime/errors.ts';
import type { EventRow } from '../../runtime/store/rows.ts';
import { dateOf, type ServiceContext } from './context.ts';
import { decodePageToken, encodePageToken, pageSize, required } from './paging.ts';

/** Without execution data, AWS leaves out inputs and outputs but keeps the rest of each event. */
function withoutData(details: Record<string, unknown>) {
  const stripped: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(details)) {
    if (typeof value !== 'object' || value === null) {
      stripped[field] = value;
      continue;
    }
    const { input: _input, output: _output, ...rest } = value as Record<string, unknown>;
    stripped[field] = rest;
  }
  return stripped;
}

function toHistoryEvent(row: EventRow<Record<string, unknown>>, includeData: boolean) {
  const details = row.details;
  return {
    timestamp: dateOf(row.timestamp),
    type: row.type,
    id: row.id,
    previousEventId: row.previousId,
    ...(includeData ? details : withoutData(details)),
  };
}

export async function getExecutionHistory(
  context: ServiceContext,
  input: {
    executionArn: string;
    maxResults?: number;
    reverseOrder?: boolean;
    nextToken?: string;
    includeExecutionData?: boolean;
  },
) {
  const arn = required(input.executionArn, 'executionArn');
  const store = context.runtime.store;
  const execution = store.getExecution(arn);
  if (!execution) throw new ExecutionDoesNotExistError(`Execution Does Not Exist: '${arn}'`);
  const limit = pageSize(input.maxResults);
  const reverse = input.reverseOrder === true;
  const fromId = decodePageToken(input.nextToken, (value): value is number => Number.isInteger(value));
  const rows = execution.historyByReplay
    ? pageOf(await context.runtime.historyOf(execution), { reverse, fromId, limit: limit + 1 })
    : store.pageEvents(execution.id, { reverse, fromId, limit: limit + 1 });
  const page = rows.slice(0, limit);
  return {
    events: page.map((row) => toHistoryEvent(row, input.includeExecutionData !== false)),
    ...(rows.length > limit && { nextToken: encodePageToken(page.at(-1)!.id) }),
  };
}

/** A page of a history held whole (ids are consecutive from 1), as the store pages stored ones. */
function pageOf(
  events: EventRow<Record<string, unknown>>[],
  options: { reverse: boolean; fromId: number | undefined; limit: number },
) {
  const { reverse, fromId, limit } = options;
  if (!reverse) return events.slice(fromId ?? 0, (fromId ?? 0) + limit);
  const end = (fromId ?? events.length + 1) - 1;
  return events.slice(Math.max(0, end - limit), end).reverse();
}
