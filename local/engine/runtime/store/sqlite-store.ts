import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type {
  EventRow,
  ExecutionRow,
  ExecutionStatus,
  RevisionRow,
  StateMachineRow,
  TokenRow,
  TokenStatus,
  VersionRow,
} from './rows.ts';
import { schema } from './schema.ts';
import { createWriteBatch, type WriteBatch } from './write-batch.ts';

export interface ExecutionPageQuery {
  stateMachineArn: string;
  versionArn?: string;
  status?: ExecutionStatus;
  redriven?: boolean;
  after?: { startDate: number; arn: string };
  limit: number;
}

/** An event as stored in a chunk line (details parsed with the line). */
interface ParsedEvent {
  id: number;
  key: string;
  type: string;
  timestamp: number;
  previousId: number;
  details: Record<string, unknown>;
}

export interface JournalEntry {
  key: string;
  outcome: string;
  seq: number;
}

type Row = Record<string, SQLInputValue>;

/** The SQLite store behind the engine: prepared statements, writes batched per event-loop turn. */
export type Store = ReturnType<typeof openStore>;

export function openStore(path: string) {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec(
    'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 20000; PRAGMA busy_timeout = 5000;',
  );
  db.exec(schema);
  const batch: WriteBatch = createWriteBatch(db);
  const cache = new Map<string, StatementSync>();
  const sql = (text: string): StatementSync => {
    let statement = cache.get(text);
    if (!statement) {
      statement = db.prepare(text);
      cache.set(text, statement);
    }
    return statement;
  };
  // Reads run on the connection that holds the turn's open transaction, so they see every write.
  const read = <T>(text: string, ...params: SQLInputValue[]): T | undefined =>
    sql(text).get(...params) as T | undefined;
  const readAll = <T>(text: string, ...params: SQLInputValue[]): T[] => sql(text).all(...params) as T[];
  const write = (text: string, ...params: SQLInputValue[]) => {
    batch.write(() => sql(text).run(...params));
  };
  /** Administrative writes (state machines, tags) are rare: committed before the call returns. */
  const committed = (work: () => void) => {
    batch.atomic(work);
    batch.flushNow();
  };

  const stateMachineColumns = `arn, name, type, role_arn AS roleArn, revision_id AS revisionId, description,
    logging, tracing, creation_date AS creationDate, last_version AS lastVersion`;
  const executionColumns = `id, arn, state_machine_arn AS stateMachineArn, version_arn AS versionArn,
    revision_id AS revisionId, name, status, input, output, error, cause, start_date AS startDate,
    stop_date AS stopDate, redrive_count AS redriveCount, redrive_date AS redriveDate, parent_arn AS parentArn`;

  /** Events recorded in this turn, per execution, not yet in a chunk row. */
  const pendingChunks = new Map<number, { firstId: number; lastId: number; lines: string[] }>();
  const writeChunks = () => {
    if (pendingChunks.size === 0) return;
    const insert = sql(
      'INSERT INTO event_chunks (execution_id, first_id, last_id, events) VALUES (?, ?, ?, ?)',
    );
    for (const [executionId, chunk] of pendingChunks)
      insert.run(executionId, chunk.firstId, chunk.lastId, chunk.lines.join('\n'));
    pendingChunks.clear();
  };
  batch.beforeCommit(writeChunks);
  const pendingJournal = new Map<number, string[]>();
  const appendJournalLine = (executionId: number, line: string) => {
    batch.write(() => undefined);
    const lines = pendingJournal.get(executionId);
    if (lines) lines.push(line);
    else pendingJournal.set(executionId, [line]);
  };
  const writeJournalChunks = () => {
    if (pendingJournal.size === 0) return;
    const insert = sql('INSERT INTO journal_chunks (execution_id, entries) VALUES (?, ?)');
    for (const [executionId, lines] of pendingJournal) insert.run(executionId, lines.join('\n'));
    pendingJournal.clear();
  };
  batch.beforeCommit(writeJournalChunks);
  const chunksOf = (executionId: number, afterId: number, order: 'ASC') => {
    writeChunks();
    return readAll<{ events: string }>(
      `SELECT events FROM event_chunks WHERE execution_id = ? AND last_id > ? ORDER BY first_id ${order}`,
      executionId,
      afterId,
    ).map((row) => row.events);
  };
  const chunksBefore = (executionId: number, beforeId: number) => {
    writeChunks();
    return readAll<{ events: string }>(
      'SELECT events FROM event_chunks WHERE execution_id = ? AND first_id < ? ORDER BY first_id DESC',
      executionId,
      beforeId,
    ).map((row) => row.events);
  };

  const tokenColumns = `t.token, t.execution_id AS executionId, e.arn AS executionArn, t.key, t.status,
    t.heartbeat_seconds AS heartbeatSeconds, t.heartbeat_deadline AS heartbeatDeadline`;

  const insertRevision = (revision: RevisionRow) =>
    sql(
      `INSERT OR IGNORE INTO state_machine_revisions (revision_id, state_machine_arn, definition, role_arn, created)
       VALUES (?, ?, ?, ?, ?)`,
    ).run(
      revision.revisionId,
      revision.stateMachineArn,
      revision.definition,
      revision.roleArn,
      revision.created,
    );

  return {
    batch,
    close() {
      batch.flushNow();
      db.close();
    },

    // State machines
    insertStateMachine(row: StateMachineRow, revision: RevisionRow) {
      committed(() => {
        insertRevision(revision);
        sql(
          `INSERT OR REPLACE INTO state_machines (arn, name, type, role_arn, revision_id, description, logging, tracing,
             creation_date, last_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          row.arn,
          row.name,
          row.type,
          row.roleArn,
          row.revisionId,
          row.description,
          row.logging,
          row.tracing,
          row.creationDate,
          row.lastVersion,
        );
      });
    },
    updateStateMachine(row: StateMachineRow, revision: RevisionRow) {
      committed(() => {
        insertRevision(revision);
        sql(
          `UPDATE state_machines SET role_arn = ?, revision_id = ?, description = ?, logging = ?, tracing = ?,
             last_version = ? WHERE arn = ?`,
        ).run(
          row.roleArn,
          row.revisionId,
          row.description,
          row.logging,
          row.tracing,
          row.lastVersion,
          row.arn,
        );
      });
    },
    getStateMachine: (arn: string) =>
      read<StateMachineRow>(`SELECT ${stateMachineColumns} FROM state_machines WHERE arn = ?`, arn),
    listStateMachines: (afterArn: string, limit: number) =>
      readAll<StateMachineRow>(
        `SELECT ${stateMachineColumns} FROM state_machines WHERE arn > ? ORDER BY arn LIMIT ?`,
        afterArn,
        limit,
      ),
    deleteStateMachine(arn: string) {
      committed(() => {
        sql('DELETE FROM state_machines WHERE arn = ?').run(arn);
        sql('DELETE FROM state_machine_versions WHERE state_machine_arn = ?').run(arn);
        sql('DELETE FROM tags WHERE resource_arn = ?').run(arn);
      });
    },
    getRevision: (revisionId: string) =>
      read<RevisionRow>(
        `SELECT revision_id AS revisionId, state_machine_arn AS stateMachineArn, definition, role_arn AS roleArn,
           created FROM state_machine_revisions WHERE revision_id = ?`,
        revisionId,
      ),
    insertVersion(row: VersionRow) {
      committed(() => {
        sql(
          `INSERT INTO state_machine_versions (arn, state_machine_arn, version, revision_id, description, creation_date)
           VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(row.arn, row.stateMachineArn, row.version, row.revisionId, row.description, row.creationDate);
        sql('UPDATE state_machines SET last_version = ? WHERE arn = ?').run(row.version, row.stateMachineArn);
      });
    },
    getVersion: (arn: string) =>
      read<VersionRow>(
        `SELECT arn, state_machine_arn AS stateMachineArn, version, revision_id AS revisionId, description,
           creation_date AS creationDate FROM state_machine_versions WHERE arn = ?`,
        arn,
      ),

    // Executions
    /** Joins the turn's commit; the API answers only once it is committed. */
    insertExecution(
      row: Omit<ExecutionRow, 'id'>,
      started: { key: string; type: string; details: string },
    ): number {
      return batch.atomic(() => {
        const { lastInsertRowid } = sql(
          `INSERT INTO executions (arn, state_machine_arn, version_arn, revision_id, name, status, input, output, error,
             cause, start_date, stop_date, redrive_count, redrive_date, parent_arn)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          row.arn,
          row.stateMachineArn,
          row.versionArn,
          row.revisionId,
          row.name,
          row.status,
          row.input,
          row.output,
          row.error,
          row.cause,
          row.startDate,
          row.stopDate,
          row.redriveCount,
          row.redriveDate,
          row.parentArn,
        );
        const id = Number(lastInsertRowid);
        pendingChunks.set(id, {
          firstId: 1,
          lastId: 1,
          lines: [
            `{"id":1,"key":${JSON.stringify(started.key)},"type":"${started.type}","timestamp":${row.startDate},"previousId":0,"details":${started.details}}`,
          ],
        });
        return id;
      });
    },
    getExecution: (arn: string) =>
      read<ExecutionRow>(`SELECT ${executionColumns} FROM executions WHERE arn = ?`, arn),
    runningExecutions: () =>
      readAll<ExecutionRow>(
        `SELECT ${executionColumns} FROM executions WHERE status = 'RUNNING' ORDER BY id`,
      ),
    /** Queued: the closing write joins the same commit as the execution's last events. */
    closeExecution(
      id: number,
      close: {
        status: ExecutionStatus;
        output: string | null;
        error: string | null;
        cause: string | null;
        stopDate: number;
      },
    ) {
      write(
        "UPDATE executions SET status = ?, output = ?, error = ?, cause = ?, stop_date = ? WHERE id = ? AND status = 'RUNNING'",
        close.status,
        close.output,
        close.error,
        close.cause,
        close.stopDate,
        id,
      );
    },
    reopenExecution(id: number, redriveCount: number, redriveDate: number) {
      write(
        `UPDATE executions SET status = 'RUNNING', output = NULL, error = NULL, cause = NULL, stop_date = NULL,
           redrive_count = ?, redrive_date = ? WHERE id = ?`,
        redriveCount,
        redriveDate,
        id,
      );
    },
    listExecutions(query: ExecutionPageQuery): ExecutionRow[] {
      const where = [query.versionArn ? 'version_arn = ?' : 'state_machine_arn = ?'];
      const params: SQLInputValue[] = [query.versionArn ?? query.stateMachineArn];
      if (query.status) {
        where.push('status = ?');
        params.push(query.status);
      }
      if (query.redriven !== undefined)
        where.push(query.redriven ? 'redrive_count > 0' : 'redrive_count = 0');
      if (query.after) {
        where.push('(start_date < ? OR (start_date = ? AND arn > ?))');
        params.push(query.after.startDate, query.after.startDate, query.after.arn);
      }
      params.push(query.limit);
      return readAll<ExecutionRow>(
        `SELECT ${executionColumns} FROM executions WHERE ${where.join(' AND ')}
         ORDER BY start_date DESC, arn LIMIT ?`,
        ...params,
      );
    },

    // History events (buffered per execution, written as one chunk per commit)
    appendEvent(executionId: number, event: EventRow) {
      batch.write(() => undefined);
      const line = `{"id":${event.id},"key":${JSON.stringify(event.key)},"type":${JSON.stringify(event.type)},"timestamp":${event.timestamp},"previousId":${event.previousId},"details":${event.details}}`;
      const chunk = pendingChunks.get(executionId);
      if (chunk) {
        chunk.lines.push(line);
        chunk.lastId = event.id;
      } else pendingChunks.set(executionId, { firstId: event.id, lastId: event.id, lines: [line] });
    },
    eventKeys(executionId: number) {
      return chunksOf(executionId, 0, 'ASC').flatMap((text) =>
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
        : chunksOf(executionId, fromId ?? 0, 'ASC');
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

    // Journal of effect outcomes (buffered per execution, written as one chunk per commit)
    journal(executionId: number, key: string, outcome: string) {
      appendJournalLine(executionId, `[${JSON.stringify(key)},${outcome}]`);
    },
    loadJournal(executionId: number): JournalEntry[] {
      writeJournalChunks();
      const entries = new Map<string, string>();
      for (const row of readAll<{ entries: string }>(
        'SELECT entries FROM journal_chunks WHERE execution_id = ? ORDER BY rowid',
        executionId,
      ))
        for (const line of row.entries.split('\n')) {
          const [key, outcome] = JSON.parse(line) as [string, unknown?];
          entries.delete(key);
          if (outcome !== undefined) entries.set(key, JSON.stringify(outcome));
        }
      return [...entries].map(([key, outcome], index) => ({ key, outcome, seq: index + 1 }));
    },
    forgetJournal(executionId: number, key: string) {
      appendJournalLine(executionId, `[${JSON.stringify(key)}]`);
    },

    // Task tokens
    insertToken(row: Omit<TokenRow, 'executionArn'>) {
      write(
        `INSERT OR REPLACE INTO tokens (token, execution_id, key, status, heartbeat_seconds, heartbeat_deadline)
         VALUES (?, ?, ?, ?, ?, ?)`,
        row.token,
        row.executionId,
        row.key,
        row.status,
        row.heartbeatSeconds,
        row.heartbeatDeadline,
      );
    },
    getToken: (token: string) =>
      read<TokenRow>(
        `SELECT ${tokenColumns} FROM tokens t JOIN executions e ON e.id = t.execution_id WHERE t.token = ?`,
        token,
      ),
    tokenForTask: (executionId: number, key: string) =>
      read<TokenRow>(
        `SELECT ${tokenColumns} FROM tokens t JOIN executions e ON e.id = t.execution_id
         WHERE t.execution_id = ? AND t.key = ?`,
        executionId,
        key,
      ),
    setTokenStatus(token: string, status: TokenStatus) {
      write('UPDATE tokens SET status = ? WHERE token = ?', status, token);
    },
    setHeartbeatDeadline(token: string, deadline: number) {
      write('UPDATE tokens SET heartbeat_deadline = ? WHERE token = ?', deadline, token);
    },
    closeTokens(executionId: number) {
      write("UPDATE tokens SET status = 'DONE' WHERE execution_id = ? AND status = 'PENDING'", executionId);
    },

    // Timers
    timers: (executionId: number) =>
      readAll<{ key: string; wakeAt: number }>(
        'SELECT key, wake_at AS wakeAt FROM timers WHERE execution_id = ?',
        executionId,
      ),
    setTimer(executionId: number, key: string, wakeAt: number) {
      write(
        'INSERT OR REPLACE INTO timers (execution_id, key, wake_at) VALUES (?, ?, ?)',
        executionId,
        key,
        wakeAt,
      );
    },
    deleteTimer(executionId: number, key: string) {
      write('DELETE FROM timers WHERE execution_id = ? AND key = ?', executionId, key);
    },
    deleteTimers(executionId: number) {
      write('DELETE FROM timers WHERE execution_id = ?', executionId);
    },

    // Tags
    tags: (resourceArn: string) =>
      readAll<{ key: string; value: string }>(
        'SELECT key, value FROM tags WHERE resource_arn = ? ORDER BY key',
        resourceArn,
      ),
    putTags(resourceArn: string, tags: Array<{ key: string; value: string }>) {
      committed(() => {
        for (const tag of tags)
          sql('INSERT OR REPLACE INTO tags (resource_arn, key, value) VALUES (?, ?, ?)').run(
            resourceArn,
            tag.key,
            tag.value,
          );
      });
    },
    removeTags(resourceArn: string, keys: string[]) {
      committed(() => {
        for (const key of keys)
          sql('DELETE FROM tags WHERE resource_arn = ? AND key = ?').run(resourceArn, key);
      });
    },
    /** Drops an execution and everything it wrote (Express runs, kept in memory only while they run). */
    purgeExecution(id: number) {
      batch.atomic(() => {
        pendingChunks.delete(id);
        pendingJournal.delete(id);
        for (const table of ['event_chunks', 'journal_chunks', 'tokens', 'timers'])
          sql(`DELETE FROM ${table} WHERE execution_id = ?`).run(id);
        sql('DELETE FROM executions WHERE id = ?').run(id);
      });
    },
    /** For tests and tools: raw access to the database (read-only use). */
    raw: (text: string, ...params: SQLInputValue[]) => readAll<Row>(text, ...params),
  };
}
