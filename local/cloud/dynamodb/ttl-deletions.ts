import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The deletions the local TTL sweeper made and the stream has not delivered yet. On AWS a stream
 * record of a TTL expiry carries `userIdentity: { type: 'Service', principalId:
 * 'dynamodb.amazonaws.com' }`; DynamoDB Local knows nothing of TTL, so the sweeper notes each
 * key before deleting it and the stream reader stamps the matching REMOVE record. Kept in a file
 * so a restart between the two does not turn an expiry into an ordinary delete.
 */
export interface TtlDeletions {
  note(tableName: string, keys: Record<string, unknown>): void;
  /** Forgets a note whose delete did not happen (the item changed meanwhile). */
  forget(tableName: string, keys: Record<string, unknown>): void;
  /** Whether a REMOVE of these keys was the sweeper's. */
  has(tableName: string, keys: Record<string, unknown>): boolean;
  /** Consumes the note once the stream record it stamps has been delivered (or filtered out). */
  take(tableName: string, keys: Record<string, unknown>): boolean;
}

/** One string per item: table and key attributes (DynamoDB JSON) in name order. */
export const deletionId = (tableName: string, keys: Record<string, unknown>): string =>
  JSON.stringify([tableName, Object.entries(keys).sort(([a], [b]) => a.localeCompare(b))]);

export function ttlDeletions(file?: string): TtlDeletions {
  const pending = new Map<string, number>();
  if (file && existsSync(file)) {
    for (const [id, count] of Object.entries(
      JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>,
    ))
      pending.set(id, count);
  }
  const save = () => {
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(pending)));
    renameSync(`${file}.tmp`, file);
  };
  const change = (id: string, delta: number) => {
    const count = (pending.get(id) ?? 0) + delta;
    if (count > 0) pending.set(id, count);
    else pending.delete(id);
    save();
  };
  return {
    note: (tableName, keys) => change(deletionId(tableName, keys), 1),
    forget: (tableName, keys) => change(deletionId(tableName, keys), -1),
    has: (tableName, keys) => pending.has(deletionId(tableName, keys)),
    take(tableName, keys) {
      const id = deletionId(tableName, keys);
      if (!pending.has(id)) return false;
      change(id, -1);
      return true;
    },
  };
}
