import type { WriteBatch } from './write-batch.ts';

/**
 * Lines appended per execution during one turn of the event loop (history events, journal
 * entries), written as one row per execution just before the turn's commit. One row instead of
 * one per line is most of what makes durable executions cheap.
 *
 * Lines go at once, as UTF-8, into an arena that every turn reuses, and rows are bound from it as
 * bytes: the strings die young instead of living on the heap until the commit (with a hundred
 * executions in flight, keeping them cost more garbage collection than writing them).
 */
export interface ChunkBuffer {
  /**
   * `eventId`: the line is that history event (0: a journal line); `document`: raw text that
   * follows the line after a tab (written as it is, not joined to the line first).
   */
  append(executionId: number, line: string, eventId?: number, document?: string): void;
  /** Writes what is buffered into the open transaction (reads call it first, as does the commit). */
  flush(): void;
  drop(executionId: number): void;
}

interface Chunk {
  /** Start and end offsets in the arena of each run of lines (a newline ends each line). */
  segments: number[];
  firstId: number;
  lastId: number;
}

/** A stored chunk: bytes (UTF-8) as written here, or text (rows of older stores). */
export const chunkText = (value: Uint8Array | string): string =>
  typeof value === 'string'
    ? value
    : Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');

export function createChunkBuffer(
  batch: WriteBatch,
  writeRow: (executionId: number, bytes: Uint8Array, firstId: number, lastId: number) => void,
): ChunkBuffer {
  const pending = new Map<number, Chunk>();
  let arena = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  let scratch = Buffer.allocUnsafe(1 << 16);

  /** The chunk's lines, without the last newline (SQLite copies them when it binds). */
  const bytesOf = (chunk: Chunk): Uint8Array => {
    const { segments } = chunk;
    // Plain views: a Buffer's subarray costs more to make than the row costs to write.
    if (segments.length === 2)
      return new Uint8Array(arena.buffer, arena.byteOffset + segments[0]!, segments[1]! - 1 - segments[0]!);
    let size = 0;
    for (let index = 0; index < segments.length; index += 2) size += segments[index + 1]! - segments[index]!;
    if (scratch.length < size) scratch = Buffer.allocUnsafe(size * 2);
    let offset = 0;
    for (let index = 0; index < segments.length; index += 2)
      offset += arena.copy(scratch, offset, segments[index], segments[index + 1]);
    return new Uint8Array(scratch.buffer, scratch.byteOffset, size - 1);
  };

  const flush = () => {
    if (pending.size === 0) return;
    for (const [executionId, chunk] of pending)
      writeRow(executionId, bytesOf(chunk), chunk.firstId, chunk.lastId);
    pending.clear();
    used = 0;
    // A turn with huge documents does not keep its arena.
    if (arena.length > 1 << 24) arena = Buffer.allocUnsafe(1 << 20);
  };
  batch.beforeCommit(flush);

  const write = (line: string, document: string | undefined): number => {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const room = used + (line.length + (document?.length ?? 0)) * 3 + 2;
    if (room > arena.length) {
      const larger = Buffer.allocUnsafe(Math.max(room, arena.length * 2));
      arena.copy(larger, 0, 0, used);
      arena = larger;
    }
    const start = used;
    used += arena.write(line, used);
    if (document !== undefined) {
      arena[used++] = 9;
      used += arena.write(document, used);
    }
    arena[used++] = 10;
    return start;
  };

  return {
    append(executionId, line, eventId = 0, document = undefined) {
      // Opens the turn's transaction, so that the commit which writes this chunk is scheduled.
      batch.write(() => undefined);
      const start = write(line, document);
      const chunk = pending.get(executionId);
      if (!chunk) {
        pending.set(executionId, { segments: [start, used], firstId: eventId, lastId: eventId });
        return;
      }
      const { segments } = chunk;
      // Lines of one execution often follow each other: one run.
      if (segments[segments.length - 1] === start) segments[segments.length - 1] = used;
      else segments.push(start, used);
      if (eventId === 0) return;
      if (chunk.firstId === 0) chunk.firstId = eventId;
      chunk.lastId = eventId;
    },
    flush,
    drop: (executionId) => pending.delete(executionId),
  };
}
