import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import { migrateLog } from './migrate-log.ts';
import { schema } from './schema.ts';
import { createWriteBatch, type WriteBatch } from './write-batch.ts';

/** The connection, its cached statements and its write batch, shared by the table modules. */
export interface Database {
  db: DatabaseSync;
  batch: WriteBatch;
  sql(text: string): StatementSync;
  read<T>(text: string, ...params: SQLInputValue[]): T | undefined;
  readAll<T>(text: string, ...params: SQLInputValue[]): T[];
  /** A write in the turn's transaction. */
  write(text: string, ...params: SQLInputValue[]): void;
  /** Administrative writes (state machines, tags) are rare: committed before the call returns. */
  committed(work: () => void): void;
}

/** Stores made before history could be rebuilt by replay: every execution there has its history stored. */
function addHistoryByReplay(db: DatabaseSync) {
  const columns = db.prepare('PRAGMA table_info(executions)').all();
  if (!columns.some((column) => column['name'] === 'history_by_replay'))
    db.exec('ALTER TABLE executions ADD COLUMN history_by_replay INTEGER NOT NULL DEFAULT 0');
}

export function openDatabase(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  // Durability: WAL with synchronous = NORMAL. A commit is in the WAL file once COMMIT returns, so
  // it survives the process being killed (SIGKILL, a crash): the operating system still writes it.
  // Only a power loss or an OS crash may lose the last commits (WAL syncs at checkpoints only),
  // which this local engine does not promise to survive; FULL would sync the WAL on every commit.
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 20000; PRAGMA busy_timeout = 5000;',
  );
  db.exec(schema);
  migrateLog(db);
  addHistoryByReplay(db);
  const batch = createWriteBatch(db);
  const cache = new Map<string, StatementSync>();
  const sql = (text: string): StatementSync => {
    let statement = cache.get(text);
    if (!statement) {
      statement = db.prepare(text);
      cache.set(text, statement);
    }
    return statement;
  };
  return {
    db,
    batch,
    sql,
    // Reads run on the connection that holds the turn's open transaction, so they see every write.
    read: <T>(text: string, ...params: SQLInputValue[]) => sql(text).get(...params) as T | undefined,
    readAll: <T>(text: string, ...params: SQLInputValue[]) => sql(text).all(...params) as T[],
    write(text, ...params) {
      batch.write(() => sql(text).run(...params));
    },
    committed(work) {
      batch.atomic(work);
      batch.flushNow();
    },
  };
}
