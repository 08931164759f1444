import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../local/engine/runtime/store/sqlite-store.ts';
import { temporaryDatabase } from './stand-in-interpreter.ts';

const machineArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:intake';

function newExecution(store: ReturnType<typeof openStore>, name: string, startDate: number) {
  return store.insertExecution(
    {
      arn: `arn:aws:states:us-east-1:123456789012:execution:intake:${name}`,
      stateMachineArn: machineArn,
      versionArn: null,
      revisionId: 'r1',
      name,
      status: 'RUNNING',
      input: '{}',
      output: null,
      error: null,
      cause: null,
      startDate,
      stopDate: null,
      redriveCount: 0,
      redriveDate: null,
      parentArn: null,
    },
    {
      key: '$execution/ExecutionStarted',
      type: 'ExecutionStarted',
      details: { executionStartedEventDetails: { input: '{}' } },
    },
  );
}

describe('SQLite store', () => {
  it('commits the writes of one event-loop turn together, and reads see them before the commit', async () => {
    const path = temporaryDatabase();
    const store = openStore(path);
    const id = newExecution(store, 'turn', 1);
    store.journal(id, 'task:/Work#1/task', '{"ok":true,"output":1}');
    expect(store.loadJournal(id)).toHaveLength(1);
    const other = openStore(path);
    expect(other.getExecution(`arn:aws:states:us-east-1:123456789012:execution:intake:turn`)).toBeUndefined();
    await store.batch.durable();
    expect(other.loadJournal(id)).toEqual([
      { key: 'task:/Work#1/task', outcome: '{"ok":true,"output":1}', seq: 1 },
    ]);
    expect(other.eventKeys(id)).toEqual([
      { id: 1, key: '$execution/ExecutionStarted', type: 'ExecutionStarted' },
    ]);
    other.close();
    store.close();
  });

  it('pages history events forward and backward across chunks', async () => {
    const store = openStore(':memory:');
    const id = newExecution(store, 'history', 1);
    for (let turn = 0; turn < 4; turn++) {
      for (let event = 0; event < 3; event++) {
        const eventId = 2 + turn * 3 + event;
        store.appendEvent(
          id,
          {
            id: eventId,
            key: `/Step#${eventId}/entered`,
            type: 'PassStateEntered',
            timestamp: eventId,
            details: { n: eventId },
            previousId: eventId - 1,
          },
          1,
        );
      }
      await store.batch.durable();
    }
    const ids = (reverse: boolean, fromId: number | undefined, limit: number) =>
      store.pageEvents(id, { reverse, fromId, limit }).map((event) => event.id);
    expect(ids(false, undefined, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(ids(false, 5, 5)).toEqual([6, 7, 8, 9, 10]);
    expect(ids(false, 10, 5)).toEqual([11, 12, 13]);
    expect(ids(true, undefined, 4)).toEqual([13, 12, 11, 10]);
    expect(ids(true, 10, 100)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(store.pageEvents(id, { reverse: false, fromId: 6, limit: 1 })[0]).toEqual({
      id: 7,
      key: '/Step#7/entered',
      type: 'PassStateEntered',
      timestamp: 7,
      details: { n: 7 },
      previousId: 6,
    });
    store.close();
  });

  it('lists executions of one machine by status, newest first, through an index, with 100,000 executions', () => {
    const store = openStore(temporaryDatabase());
    store.raw(
      `INSERT INTO executions (arn, state_machine_arn, revision_id, name, status, input, start_date, redrive_count)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
       SELECT 'arn:aws:states:us-east-1:123456789012:execution:intake:e' || i, ?, 'r1', 'e' || i,
              CASE WHEN i % 100 = 0 THEN 'FAILED' ELSE 'SUCCEEDED' END, '{}', 1700000000000 + i, 0 FROM n`,
      machineArn,
    );
    store.batch.flushNow();
    const plan = store
      .raw(
        `EXPLAIN QUERY PLAN SELECT arn FROM executions WHERE state_machine_arn = ? AND status = ?
         AND (start_date < ? OR (start_date = ? AND arn > ?)) ORDER BY start_date DESC, arn LIMIT 100`,
        machineArn,
        'FAILED',
        0,
        0,
        '',
      )
      .map((row) => String(row.detail))
      .join('\n');
    expect(plan).toContain('executions_by_status');
    expect(plan).not.toContain('TEMP B-TREE');

    const started = performance.now();
    const first = store.listExecutions({ stateMachineArn: machineArn, status: 'FAILED', limit: 100 });
    const last = first.at(-1)!;
    const second = store.listExecutions({
      stateMachineArn: machineArn,
      status: 'FAILED',
      after: { startDate: last.startDate, arn: last.arn },
      limit: 100,
    });
    const unfiltered = store.listExecutions({ stateMachineArn: machineArn, limit: 1000 });
    const elapsed = performance.now() - started;
    expect(first).toHaveLength(100);
    expect(first[0]!.name).toBe('e100000');
    expect(second[0]!.name).toBe('e90000');
    expect(unfiltered).toHaveLength(1000);
    // An index walk answers in a few milliseconds; a scan and sort of 100,000 rows would not.
    expect(elapsed).toBeLessThan(250);
    store.close();
  });
});
