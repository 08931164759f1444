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
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
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
  const read = <T>(text: string, ...params: SQLInputValue[]): T | undefined => {
    batch.flushNow();
    return sql(text).get(...params) as T | undefined;
  };
  const readAll = <T>(text: string, ...params: SQLInputValue[]): T[] => {
    batch.flushNow();
    return sql(text).all(...params) as T[];
  };
  const write = (text: string, ...params: SQLInputValue[]) => batch.enqueue(() => sql(text).run(...params));

  const stateMachineColumns = `arn, name, type, role_arn AS roleArn, revision_id AS revisionId, description,
    logging, tracing, creation_date AS creationDate, last_version AS lastVersion`;
  const executionColumns = `arn, state_machine_arn AS stateMachineArn, version_arn AS versionArn,
    revision_id AS revisionId, name, status, input, output, error, cause, start_date AS startDate,
    stop_date AS stopDate, redrive_count AS redriveCount, redrive_date AS redriveDate, parent_arn AS parentArn`;

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
      batch.transaction(() => {
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
      batch.transaction(() => {
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
      batch.transaction(() => {
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
      batch.transaction(() => {
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
    insertExecution(row: ExecutionRow, started: { key: string; type: string; details: string }) {
      batch.transaction(() => {
        sql(
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
        sql(
          'INSERT INTO events (execution_arn, id, key, type, timestamp, details, previous_id) VALUES (?, 1, ?, ?, ?, ?, 0)',
        ).run(row.arn, started.key, started.type, row.startDate, started.details);
      });
    },
    getExecution: (arn: string) =>
      read<ExecutionRow>(`SELECT ${executionColumns} FROM executions WHERE arn = ?`, arn),
    runningExecutions: () =>
      readAll<{ arn: string }>("SELECT arn FROM executions WHERE status = 'RUNNING'").map((row) => row.arn),
    /** Queued: the closing write joins the same commit as the execution's last events. */
    closeExecution(
      arn: string,
      close: {
        status: ExecutionStatus;
        output: string | null;
        error: string | null;
        cause: string | null;
        stopDate: number;
      },
    ) {
      write(
        "UPDATE executions SET status = ?, output = ?, error = ?, cause = ?, stop_date = ? WHERE arn = ? AND status = 'RUNNING'",
        close.status,
        close.output,
        close.error,
        close.cause,
        close.stopDate,
        arn,
      );
    },
    reopenExecution(arn: string, redriveCount: number, redriveDate: number) {
      write(
        `UPDATE executions SET status = 'RUNNING', output = NULL, error = NULL, cause = NULL, stop_date = NULL,
           redrive_count = ?, redrive_date = ? WHERE arn = ?`,
        redriveCount,
        redriveDate,
        arn,
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

    // History events
    appendEvent(executionArn: string, event: EventRow) {
      write(
        'INSERT INTO events (execution_arn, id, key, type, timestamp, details, previous_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
        executionArn,
        event.id,
        event.key,
        event.type,
        event.timestamp,
        event.details,
        event.previousId,
      );
    },
    eventKeys: (executionArn: string) =>
      readAll<{ id: number; key: string; type: string }>(
        'SELECT id, key, type FROM events WHERE execution_arn = ? ORDER BY id',
        executionArn,
      ),
    pageEvents(
      executionArn: string,
      options: { reverse: boolean; fromId: number | undefined; limit: number },
    ) {
      const { reverse, fromId, limit } = options;
      const bound = fromId ?? (reverse ? Number.MAX_SAFE_INTEGER : 0);
      return readAll<EventRow>(
        `SELECT id, key, type, timestamp, details, previous_id AS previousId FROM events
         WHERE execution_arn = ? AND id ${reverse ? '<' : '>'} ? ORDER BY id ${reverse ? 'DESC' : 'ASC'} LIMIT ?`,
        executionArn,
        bound,
        limit,
      );
    },

    // Journal of effect outcomes
    journal(executionArn: string, key: string, outcome: string, seq: number) {
      write(
        'INSERT OR REPLACE INTO journal (execution_arn, key, outcome, seq) VALUES (?, ?, ?, ?)',
        executionArn,
        key,
        outcome,
        seq,
      );
    },
    loadJournal: (executionArn: string) =>
      readAll<JournalEntry>(
        'SELECT key, outcome, seq FROM journal WHERE execution_arn = ? ORDER BY seq',
        executionArn,
      ),
    forgetJournal(executionArn: string, key: string) {
      write('DELETE FROM journal WHERE execution_arn = ? AND key = ?', executionArn, key);
    },

    // Task tokens
    insertToken(row: TokenRow) {
      write(
        `INSERT OR REPLACE INTO tokens (token, execution_arn, key, status, heartbeat_seconds, heartbeat_deadline)
         VALUES (?, ?, ?, ?, ?, ?)`,
        row.token,
        row.executionArn,
        row.key,
        row.status,
        row.heartbeatSeconds,
        row.heartbeatDeadline,
      );
    },
    getToken: (token: string) =>
      read<TokenRow>(
        `SELECT token, execution_arn AS executionArn, key, status, heartbeat_seconds AS heartbeatSeconds,
           heartbeat_deadline AS heartbeatDeadline FROM tokens WHERE token = ?`,
        token,
      ),
    tokenForTask: (executionArn: string, key: string) =>
      read<TokenRow>(
        `SELECT token, execution_arn AS executionArn, key, status, heartbeat_seconds AS heartbeatSeconds,
           heartbeat_deadline AS heartbeatDeadline FROM tokens WHERE execution_arn = ? AND key = ?`,
        executionArn,
        key,
      ),
    setTokenStatus(token: string, status: TokenStatus) {
      write('UPDATE tokens SET status = ? WHERE token = ?', status, token);
    },
    setHeartbeatDeadline(token: string, deadline: number) {
      write('UPDATE tokens SET heartbeat_deadline = ? WHERE token = ?', deadline, token);
    },
    closeTokens(executionArn: string) {
      write("UPDATE tokens SET status = 'DONE' WHERE execution_arn = ? AND status = 'PENDING'", executionArn);
    },

    // Timers
    timer: (executionArn: string, key: string) =>
      read<{ wakeAt: number }>(
        'SELECT wake_at AS wakeAt FROM timers WHERE execution_arn = ? AND key = ?',
        executionArn,
        key,
      )?.wakeAt,
    setTimer(executionArn: string, key: string, wakeAt: number) {
      write(
        'INSERT OR REPLACE INTO timers (execution_arn, key, wake_at) VALUES (?, ?, ?)',
        executionArn,
        key,
        wakeAt,
      );
    },
    deleteTimer(executionArn: string, key: string) {
      write('DELETE FROM timers WHERE execution_arn = ? AND key = ?', executionArn, key);
    },
    deleteTimers(executionArn: string) {
      write('DELETE FROM timers WHERE execution_arn = ?', executionArn);
    },

    // Tags
    tags: (resourceArn: string) =>
      readAll<{ key: string; value: string }>(
        'SELECT key, value FROM tags WHERE resource_arn = ? ORDER BY key',
        resourceArn,
      ),
    putTags(resourceArn: string, tags: Array<{ key: string; value: string }>) {
      batch.transaction(() => {
        for (const tag of tags)
          sql('INSERT OR REPLACE INTO tags (resource_arn, key, value) VALUES (?, ?, ?)').run(
            resourceArn,
            tag.key,
            tag.value,
          );
      });
    },
    removeTags(resourceArn: string, keys: string[]) {
      batch.transaction(() => {
        for (const key of keys)
          sql('DELETE FROM tags WHERE resource_arn = ? AND key = ?').run(resourceArn, key);
      });
    },
    /** Drops an execution and everything it wrote (Express runs, kept in memory only while they run). */
    purgeExecution(arn: string) {
      batch.transaction(() => {
        for (const table of ['events', 'journal', 'tokens', 'timers'])
          sql(`DELETE FROM ${table} WHERE execution_arn = ?`).run(arn);
        sql('DELETE FROM executions WHERE arn = ?').run(arn);
      });
    },
    /** For tests and tools: raw access to the database (read-only use). */
    raw: (text: string, ...params: SQLInputValue[]) => readAll<Row>(text, ...params),
  };
}
