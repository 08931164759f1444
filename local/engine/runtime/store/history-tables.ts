import { createChunkBuffer } from './chunk-buffer.ts';
import type { Database } from './database.ts';
import type { EventRow } from './rows.ts';

/** One history event as a line of its chunk; `details` is already JSON text, spliced in as is. */
const eventLine = (event: EventRow) =>
  `{"id":${event.id},"key":${JSON.stringify(event.key)},"type":${JSON.stringify(event.type)},"timestamp":${event.timestamp},"previousId":${event.previousId},"details":${event.details}}`;

/** An event as stored in a chunk line (details parsed with the line). */
interface ParsedEvent {
  id: number;
  key: string;
  type: string;
  timestamp: number;
  previousId: number;
  details: Record<string, unknown>;
}

export type HistoryTables = ReturnType<typeof historyTables>;

/** History events, written in chunks (one row per execution and commit) and paged by event id. */
export function historyTables({ sql, readAll, batch }: Database) {
  const history = createChunkBuffer(batch, (executionId, text, firstId, lastId) =>
    sql('INSERT INTO event_chunks (execution_id, first_id, last_id, events) VALUES (?, ?, ?, ?)').run(
      executionId,
      firstId,
      lastId,
      text,
    ),
  );
  const chunksOf = (executionId: number, afterId: number) => {
    history.flush();
    return readAll<{ events: string }>(
      'SELECT events FROM event_chunks WHERE execution_id = ? AND last_id > ? ORDER BY first_id',
      executionId,
      afterId,
    ).map((row) => row.events);
  };
  const chunksBefore = (executionId: number, beforeId: number) => {
    history.flush();
    return readAll<{ events: string }>(
      'SELECT events FROM event_chunks WHERE execution_id = ? AND first_id < ? ORDER BY first_id DESC',
      executionId,
      beforeId,
    ).map((row) => row.events);
  };

  return {
    dropPendingEvents: (executionId: number) => history.drop(executionId),
    // History events (buffered per execution, written as one chunk per commit)
    appendEvent(executionId: number, event: EventRow) {
      history.append(executionId, eventLine(event), event.id);
    },
    eventKeys(executionId: number) {
      return chunksOf(executionId, 0).flatMap((text) =>
        text.split('\n').map((line) => {
          const { id, key, type } = JSON.parse(line) as ParsedEvent;
          return { id, key, type };
        }),
      );
    },
    pageEvents(
      executionId: number,
      options: { reverse: boolean; fromId: number | undefined; limit: number },
    ) {
      const { reverse, fromId, limit } = options;
      const page: EventRow<Record<string, unknown>>[] = [];
      const chunks = reverse
        ? chunksBefore(executionId, fromId ?? Number.MAX_SAFE_INTEGER)
        : chunksOf(executionId, fromId ?? 0);
      for (const text of chunks) {
        const lines = text.split('\n');
        if (reverse) lines.reverse();
        for (const line of lines) {
          const event = JSON.parse(line) as ParsedEvent;
          if (fromId !== undefined && (reverse ? event.id >= fromId : event.id <= fromId)) continue;
          page.push(event);
          if (page.length >= limit) return page;
        }
      }
      return page;
    },
  };
}
