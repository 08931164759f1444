import type { SQLInputValue } from 'node:sqlite';
import type { Database } from './database.ts';
import type { HistoryTables } from './history-tables.ts';
import type { ExecutionRow, ExecutionStatus } from './rows.ts';

export interface ExecutionPageQuery {
  stateMachineArn: string;
  versionArn?: string;
  status?: ExecutionStatus;
  redriven?: boolean;
  after?: { startDate: number; arn: string };
  limit: number;
}

/** Executions: one row each, indexed for ListExecutions (machine, status, start date). */
export function executionTables({ sql, read, readAll, write, batch }: Database, history: HistoryTables) {
  const executionColumns = `id, arn, state_machine_arn AS stateMachineArn, version_arn AS versionArn,
    revision_id AS revisionId, name, status, input, output, error, cause, start_date AS startDate,
    stop_date AS stopDate, redrive_count AS redriveCount, redrive_date AS redriveDate, parent_arn AS parentArn,
    history_by_replay AS historyByReplay`;
  // Built once: statements are cached by their text, and a text built per call is hashed per call.
  const executionByArn = `SELECT ${executionColumns} FROM executions WHERE arn = ?`;

  return {
    // Executions
    /** Joins the turn's commit; the API answers only once it is committed. */
    insertExecution(
      row: Omit<ExecutionRow, 'id'>,
      /** Its ExecutionStarted event; none when its history is rebuilt by replay. */
      started?: { key: string; type: string; details: Record<string, unknown> },
    ): number {
      // No savepoint needed: the insert is the only write that can fail, and it fails whole.
      return batch.write(() => {
        const { lastInsertRowid } = sql(
          `INSERT INTO executions (arn, state_machine_arn, version_arn, revision_id, name, status, input, output, error,
             cause, start_date, stop_date, redrive_count, redrive_date, parent_arn, history_by_replay)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
          row.historyByReplay,
        );
        const id = Number(lastInsertRowid);
        if (!started) return id;
        // Its input is the row's: the event refers to it.
        history.appendEvent(
          id,
          {
            id: 1,
            key: started.key,
            type: started.type,
            timestamp: row.startDate,
            details: started.details,
            previousId: 0,
          },
          row.startDate,
          undefined,
          true,
        );
        return id;
      });
    },
    getExecution: (arn: string) => read<ExecutionRow>(executionByArn, arn),
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
    /** The replayed history is now stored (before a redrive, which appends to it). */
    storeHistoryFromNowOn(id: number) {
      write('UPDATE executions SET history_by_replay = 0 WHERE id = ?', id);
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
  };
}
