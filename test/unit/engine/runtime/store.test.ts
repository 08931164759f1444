import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { recentDocuments, rememberDocument } from '../../../../local/engine/runtime/store/event-codec.ts';
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
      historyByReplay: 0,
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
    store.journal(id, 'task:/Work#1/task', '{"ok":true,"output":1}', 5);
    expect(store.loadJournal(id)).toHaveLength(1);
    const other = openStore(path);
    expect(other.getExecution(`arn:aws:states:us-east-1:123456789012:execution:intake:turn`)).toBeUndefined();
    await store.batch.durable();
    expect(other.loadJournal(id)).toEqual([
      { key: 'task:/Work#1/task', outcome: '{"ok":true,"output":1}', seq: 1, at: 5 },
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

  it('pages events whose documents refer to earlier events, across chunks and pages, in both directions', async () => {
    const store = openStore(':memory:');
    const id = newExecution(store, 'documents', 1);
    const recent = recentDocuments();
    rememberDocument(recent, '{}', 1);
    const expected: unknown[] = [{ id: 1, details: { executionStartedEventDetails: { input: '{}' } } }];
    let document = '{}';
    for (let eventId = 2; eventId <= 300; eventId++) {
      // Entered events repeat the previous document; exited ones write a new one (with non-ASCII text).
      const entered = eventId % 2 === 0;
      if (!entered) document = JSON.stringify({ step: eventId, note: 'été → 進む' });
      const details = entered
        ? {
            stateEnteredEventDetails: {
              name: `S${eventId}`,
              input: document,
              inputDetails: { truncated: false },
            },
          }
        : {
            stateExitedEventDetails: {
              name: `S${eventId}`,
              output: document,
              outputDetails: { truncated: false },
            },
          };
      const type = entered ? 'PassStateEntered' : 'PassStateExited';
      store.appendEvent(
        id,
        {
          id: eventId,
          key: `/S${eventId}#1/x`,
          type,
          timestamp: 1 + eventId,
          details,
          previousId: eventId - 1,
        },
        1,
        recent,
      );
      expected.push({ id: eventId, details });
      if (eventId % 7 === 0) await store.batch.durable();
    }
    await store.batch.durable();
    const collect = (reverse: boolean) => {
      const events: unknown[] = [];
      let fromId: number | undefined;
      for (;;) {
        const page = store.pageEvents(id, { reverse, fromId, limit: 11 });
        events.push(...page.map((event) => ({ id: event.id, details: event.details })));
        if (page.length < 11) return events;
        fromId = page.at(-1)!.id;
      }
    };
    expect(collect(false)).toEqual(expected);
    expect(collect(true)).toEqual([...expected].reverse());
    expect(store.lastEventId(id)).toBe(300);
    store.close();
  });

  it('writes the lines of interleaved executions as one row per execution and commit, however long', async () => {
    const store = openStore(':memory:');
    const first = newExecution(store, 'first', 1);
    const second = newExecution(store, 'second', 1);
    const long = 'x'.repeat(3_000_000);
    store.journal(first, 'a', '1', 1);
    store.journal(second, 'b', '2', 1);
    store.journal(first, 'c', JSON.stringify(long), 1);
    store.journal(second, 'd', '"ü"', 1);
    await store.batch.durable();
    expect(
      store.raw('SELECT execution_id AS id FROM log_chunks ORDER BY rowid').map((row) => row.id),
    ).toEqual([first, second]);
    expect(store.loadJournal(first).map((entry) => [entry.key, entry.outcome.length])).toEqual([
      ['a', 1],
      ['c', long.length + 2],
    ]);
    expect(store.loadJournal(second).map((entry) => [entry.key, entry.outcome])).toEqual([
      ['b', '2'],
      ['d', '"ü"'],
    ]);
    store.close();
  });

  it('moves the history and journal of a store written before the log table into it', () => {
    const path = temporaryDatabase();
    const old = new DatabaseSync(path);
    old.exec(`CREATE TABLE executions (id INTEGER PRIMARY KEY, arn TEXT NOT NULL UNIQUE, state_machine_arn TEXT NOT NULL,
        version_arn TEXT, revision_id TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL, input TEXT NOT NULL,
        output TEXT, error TEXT, cause TEXT, start_date INTEGER NOT NULL, stop_date INTEGER,
        redrive_count INTEGER NOT NULL DEFAULT 0, redrive_date INTEGER, parent_arn TEXT);
      CREATE TABLE event_chunks (execution_id INTEGER NOT NULL, first_id INTEGER NOT NULL, last_id INTEGER NOT NULL,
        events TEXT NOT NULL);
      CREATE UNIQUE INDEX event_chunks_by_execution ON event_chunks (execution_id, first_id);
      CREATE TABLE journal_chunks (execution_id INTEGER NOT NULL, entries TEXT NOT NULL);`);
    old
      .prepare(
        `INSERT INTO executions (id, arn, state_machine_arn, revision_id, name, status, input, start_date)
         VALUES (7, ?, ?, 'r1', 'old', 'RUNNING', '{"a":1}', 1000)`,
      )
      .run(`arn:aws:states:us-east-1:123456789012:execution:intake:old`, machineArn);
    const line = (id: number, type: string, details: unknown) =>
      JSON.stringify({ id, key: `k${id}`, type, timestamp: 1000 + id, previousId: id - 1, details });
    const started = {
      executionStartedEventDetails: { input: '{"a":1}', inputDetails: { truncated: false } },
    };
    const entered = {
      stateEnteredEventDetails: { name: 'A', input: '{"a":1}', inputDetails: { truncated: false } },
    };
    old
      .prepare('INSERT INTO event_chunks VALUES (7, 1, 2, ?)')
      .run([line(1, 'ExecutionStarted', started), line(2, 'PassStateEntered', entered)].join('\n'));
    old.prepare('INSERT INTO journal_chunks VALUES (7, ?)').run('["task:/A#1/task",{"ok":true,"output":1}]');
    old.close();

    const store = openStore(path);
    expect(store.pageEvents(7, { reverse: false, fromId: undefined, limit: 10 })).toEqual([
      { id: 1, key: 'k1', type: 'ExecutionStarted', timestamp: 1001, previousId: 0, details: started },
      { id: 2, key: 'k2', type: 'PassStateEntered', timestamp: 1002, previousId: 1, details: entered },
    ]);
    expect(store.loadJournal(7)).toEqual([
      { key: 'task:/A#1/task', outcome: '{"ok":true,"output":1}', seq: 1 },
    ]);
    expect(
      store.raw("SELECT name FROM sqlite_master WHERE name IN ('event_chunks', 'journal_chunks')"),
    ).toEqual([]);
    store.close();
  });
});
