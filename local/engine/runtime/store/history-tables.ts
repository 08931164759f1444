import { chunkText, createChunkBuffer } from './chunk-buffer.ts';
import type { Database } from './database.ts';
import {
  decodeEvent,
  decodeEventKey,
  documentWindow,
  encodeEventParts,
  type RecentDocuments,
  resolveDocuments,
} from './event-codec.ts';
import type { EventRow } from './rows.ts';

export type HistoryTables = ReturnType<typeof historyTables>;

/** A journal line is `["key", …]`; an event line starts with its id. */
const isEventLine = (line: string) => line.charCodeAt(1) !== 34;

/**
 * The log of each execution: history events, paged by event id, and the journal lines of the
 * replay tables, written in chunks (one row per execution and commit).
 */
export function historyTables({ sql, read, readAll, batch }: Database) {
  const history = createChunkBuffer(batch, (executionId, text, firstId, lastId) =>
    sql('INSERT INTO log_chunks (execution_id, first_id, last_id, lines) VALUES (?, ?, ?, ?)').run(
      executionId,
      firstId,
      lastId,
      text,
    ),
  );
  const linesOf = (executionId: number, afterId: number, upToId = Number.MAX_SAFE_INTEGER) => {
    history.flush();
    return readAll<{ lines: Uint8Array | string }>(
      'SELECT lines FROM log_chunks WHERE execution_id = ? AND last_id > ? AND first_id <= ? ORDER BY first_id',
      executionId,
      afterId,
      upToId,
    )
      .flatMap((row) => chunkText(row.lines).split('\n'))
      .filter(isEventLine);
  };
  /** Events `fromId` to `toId`, with the documents they refer to resolved. */
  const eventsBetween = (executionId: number, fromId: number, toId: number) => {
    const execution = read<{ input: string; startDate: number }>(
      'SELECT input, start_date AS startDate FROM executions WHERE id = ?',
      executionId,
    );
    if (!execution) return [];
    const events = linesOf(executionId, fromId - 1 - documentWindow, toId).map((line) =>
      decodeEvent(line, execution.startDate),
    );
    resolveDocuments(events, () => execution.input);
    return events.filter((event) => event.id >= fromId && event.id <= toId);
  };
  const lastEventId = (executionId: number) => {
    history.flush();
    return (
      read<{ last: number | null }>(
        'SELECT max(last_id) AS last FROM log_chunks WHERE execution_id = ?',
        executionId,
      )?.last ?? 0
    );
  };

  return {
    dropPending: (executionId: number) => history.drop(executionId),
    /** A journal line, in the same chunk as the events of the turn. */
    appendJournalLine: (executionId: number, line: string) => history.append(executionId, line, 0),
    /** Every journal line of an execution, in the order written. */
    journalLines(executionId: number): string[] {
      history.flush();
      return readAll<{ lines: string }>(
        'SELECT lines FROM log_chunks WHERE execution_id = ? ORDER BY rowid',
        executionId,
      )
        .flatMap((row) => chunkText(row.lines).split('\n'))
        .filter((line) => !isEventLine(line));
    },
    /**
     * Buffers an event (written as one chunk per execution and commit). `startDate`: the
     * execution's; `recent`: its recent documents, which later events refer to; `executionInput`:
     * the event's document is the execution's input.
     */
    appendEvent(
      executionId: number,
      event: EventRow<Record<string, unknown>>,
      startDate: number,
      recent?: RecentDocuments,
      executionInput = false,
    ) {
      const { head, document } = encodeEventParts(event, startDate, recent, executionInput);
      history.append(executionId, head, event.id, document);
    },
    eventKeys(executionId: number) {
      return linesOf(executionId, 0).map(decodeEventKey);
    },
    lastEventId,
    pageEvents(
      executionId: number,
      options: { reverse: boolean; fromId: number | undefined; limit: number },
    ): EventRow<Record<string, unknown>>[] {
      const { reverse, fromId, limit } = options;
      // Ids are consecutive from 1: a page is a range of ids.
      if (!reverse) {
        const first = (fromId ?? 0) + 1;
        return eventsBetween(executionId, first, first + limit - 1);
      }
      const last = (fromId ?? lastEventId(executionId) + 1) - 1;
      return eventsBetween(executionId, Math.max(1, last - limit + 1), last).reverse();
    },
  };
}
