import { createChunkBuffer } from './chunk-buffer.ts';
import type { Database } from './database.ts';
import type { TokenRow, TokenStatus } from './rows.ts';

export interface JournalEntry {
  key: string;
  outcome: string;
  seq: number;
}

/** What replay needs: the journal of effect outcomes, task tokens and durable timers. */
export function replayTables({ sql, read, readAll, write, batch }: Database) {
  const journalLog = createChunkBuffer(batch, (executionId, text) =>
    sql('INSERT INTO journal_chunks (execution_id, entries) VALUES (?, ?)').run(executionId, text),
  );
  const tokenColumns = `t.token, t.execution_id AS executionId, e.arn AS executionArn, t.key, t.status,
    t.heartbeat_seconds AS heartbeatSeconds, t.heartbeat_deadline AS heartbeatDeadline`;

  return {
    dropPendingJournal: (executionId: number) => journalLog.drop(executionId),
    // Journal of effect outcomes (buffered per execution, written as one chunk per commit)
    journal(executionId: number, key: string, outcome: string) {
      journalLog.append(executionId, `[${JSON.stringify(key)},${outcome}]`);
    },
    loadJournal(executionId: number): JournalEntry[] {
      journalLog.flush();
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
      journalLog.append(executionId, `[${JSON.stringify(key)}]`);
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
  };
}
