import type { Database } from './database.ts';
import type { HistoryTables } from './history-tables.ts';
import type { TokenRow, TokenStatus } from './rows.ts';

export interface JournalEntry {
  key: string;
  outcome: string;
  seq: number;
  /** When the outcome was journaled (epoch ms); absent in lines of older stores. */
  at?: number;
}

/** What replay needs: the journal of effect outcomes, task tokens and durable timers. */
export function replayTables({ read, readAll, write }: Database, log: HistoryTables) {
  const tokenColumns = `t.token, t.execution_id AS executionId, e.arn AS executionArn, t.key, t.status,
    t.heartbeat_seconds AS heartbeatSeconds, t.heartbeat_deadline AS heartbeatDeadline`;
  // Built once: statements are cached by their text, and a text built per call is hashed per call.
  const tokenByText = `SELECT ${tokenColumns} FROM tokens t JOIN executions e ON e.id = t.execution_id WHERE t.token = ?`;
  const tokenByTask = `SELECT ${tokenColumns} FROM tokens t JOIN executions e ON e.id = t.execution_id
         WHERE t.execution_id = ? AND t.key = ?`;

  return {
    // Journal of effect outcomes: lines of the execution's log (one chunk per execution and commit)
    /** `at`: when (the replayed history gives its events that time). */
    journal(executionId: number, key: string, outcome: string, at: number) {
      log.appendJournalLine(executionId, `[${JSON.stringify(key)},${outcome},${at}]`);
    },
    loadJournal(executionId: number): JournalEntry[] {
      const entries = new Map<string, { outcome: string; at: number | undefined }>();
      for (const line of log.journalLines(executionId)) {
        const [key, outcome, at] = JSON.parse(line) as [string, unknown?, number?];
        entries.delete(key);
        if (outcome !== undefined) entries.set(key, { outcome: JSON.stringify(outcome), at });
      }
      return [...entries].map(([key, { outcome, at }], index) =>
        at === undefined ? { key, outcome, seq: index + 1 } : { key, outcome, seq: index + 1, at },
      );
    },
    forgetJournal(executionId: number, key: string) {
      log.appendJournalLine(executionId, `[${JSON.stringify(key)}]`);
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
    getToken: (token: string) => read<TokenRow>(tokenByText, token),
    tokenForTask: (executionId: number, key: string) => read<TokenRow>(tokenByTask, executionId, key),
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
