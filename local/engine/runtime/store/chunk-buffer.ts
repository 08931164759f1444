import type { WriteBatch } from './write-batch.ts';

/**
 * Lines appended per execution during one turn of the event loop (history events, journal
 * entries), written as one row per execution just before the turn's commit. One row instead of
 * one per line is most of what makes durable executions cheap.
 */
export interface ChunkBuffer {
  /** `eventId`: the line is that history event (0: a journal line). */
  append(executionId: number, line: string, eventId?: number): void;
  /** Writes what is buffered into the open transaction (reads call it first, as does the commit). */
  flush(): void;
  drop(executionId: number): void;
}

interface Chunk {
  lines: string[];
  firstId: number;
  lastId: number;
}

export function createChunkBuffer(
  batch: WriteBatch,
  writeRow: (executionId: number, text: string, firstId: number, lastId: number) => void,
): ChunkBuffer {
  const pending = new Map<number, Chunk>();
  const flush = () => {
    if (pending.size === 0) return;
    for (const [executionId, chunk] of pending)
      writeRow(executionId, chunk.lines.join('\n'), chunk.firstId, chunk.lastId);
    pending.clear();
  };
  batch.beforeCommit(flush);
  return {
    append(executionId, line, eventId = 0) {
      // Opens the turn's transaction, so that the commit which writes this chunk is scheduled.
      batch.write(() => undefined);
      const chunk = pending.get(executionId);
      if (!chunk) pending.set(executionId, { lines: [line], firstId: eventId, lastId: eventId });
      else {
        chunk.lines.push(line);
        if (eventId === 0) return;
        if (chunk.firstId === 0) chunk.firstId = eventId;
        chunk.lastId = eventId;
      }
    },
    flush,
    drop: (executionId) => pending.delete(executionId),
  };
}
