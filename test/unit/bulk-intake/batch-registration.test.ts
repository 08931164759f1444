import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '#domain/ports/clock.ts';
import type { RunOnce } from '#shared/idempotency/run-once.ts';
import {
  BatchIncompleteError,
  type BatchInput,
  registerBatch,
} from '../../../functions/bulk-intake/batch-registration.ts';
import type { RowOutcome } from '../../../functions/bulk-intake/row-outcome.ts';
import { memoryObjects, memoryUploads } from './fakes.ts';

const UPLOAD_ID = '01JD3Q4Z5X6Y7W8V9T0S1R2Q3P';
const input: BatchInput = {
  uploadId: UPLOAD_ID,
  partnerId: 'FeDe',
  objectKey: `uploads/FeDe/${UPLOAD_ID}/liste.csv`,
  version: 'v1',
  rowsPerChunk: 2,
};

/** runOnce in memory: the first result per key is kept and returned to every repeat. */
function memoryOnce() {
  const results = new Map<string, unknown>();
  const keys: string[] = [];
  const once: RunOnce = async (key, _fingerprint, work) => {
    keys.push(key);
    if (!results.has(key)) results.set(key, await work());
    return results.get(key) as never;
  };
  return { once, keys };
}

function setup(outcomeOf: (values: Record<string, string>) => RowOutcome) {
  const rows = [3, 4, 5, 6, 7].map((rowNumber) => ({ rowNumber, values: { givenName: `G${rowNumber}` } }));
  const objects = memoryObjects({
    [`reports/work/${UPLOAD_ID}/rows-00000.json`]: JSON.stringify(rows.slice(0, 2)),
    [`reports/work/${UPLOAD_ID}/rows-00001.json`]: JSON.stringify(rows.slice(2, 4)),
    [`reports/work/${UPLOAD_ID}/rows-00002.json`]: JSON.stringify(rows.slice(4)),
  });
  const uploads = memoryUploads();
  const { once, keys } = memoryOnce();
  const registered: string[] = [];
  const deps = {
    objects: objects.port,
    uploads: uploads.store,
    stagingBucket: 'reports',
    once,
    clock: fixedClock(new Date('2026-11-26T10:00:00Z')),
    registerRow: async (values: Readonly<Record<string, string>>) => {
      registered.push(values['givenName']!);
      return outcomeOf(values);
    },
  };
  const items = rows.map((row, i) => ({ i, row: row.rowNumber }));
  return { deps, items, uploads, keys, registered };
}

describe('registerBatch', () => {
  it('registers each row of the batch once, keyed by object key, version and row number', async () => {
    const { deps, items, uploads, keys, registered } = setup((values) =>
      values['givenName'] === 'G5'
        ? { status: 'INVALID', reasons: [{ field: 'consent.dataProcessing', fr: 'x', en: 'y' }] }
        : { status: 'REGISTERED', householdId: `HH-${values['givenName']}` },
    );
    const outcome = await registerBatch(deps, { items, input, requestId: 'r1' });
    expect(outcome).toEqual({ uploadId: UPLOAD_ID, rows: 5, registered: 4, duplicate: 0, invalid: 1 });
    expect(keys.sort()).toEqual([3, 4, 5, 6, 7].map((row) => `${input.objectKey}#v1#${row}`).sort());
    expect(registered.sort()).toEqual(['G3', 'G4', 'G5', 'G6', 'G7']);
    expect(await uploads.store.listRows(UPLOAD_ID)).toHaveLength(5);
  });

  it('registers nothing again when the batch is retried', async () => {
    const { deps, items, uploads, registered } = setup(() => ({ status: 'REGISTERED', householdId: 'HH' }));
    await uploads.store.create({
      uploadId: UPLOAD_ID,
      partnerId: 'FeDe',
      fileName: 'liste.csv',
      objectKey: input.objectKey,
      status: 'PROCESSING',
      createdAt: 'a',
      updatedAt: 'a',
    });
    await registerBatch(deps, { items, input, requestId: 'r1' });
    await registerBatch(deps, { items, input, requestId: 'r2' });
    expect(registered).toHaveLength(5);
    expect(uploads.uploads.get(UPLOAD_ID)?.registered).toBe(5);
  });

  it('stops before the Lambda timeout and asks for a retry of the rows left', async () => {
    const { deps, items, uploads } = setup(() => ({ status: 'DUPLICATE', householdId: 'HH-1' }));
    let left = 10_000;
    const lambdaContext = { getRemainingTimeInMillis: () => (left -= 3_000) } as unknown as Context;
    await expect(
      registerBatch(deps, { items, input, requestId: 'r1', lambdaContext }),
    ).rejects.toBeInstanceOf(BatchIncompleteError);
    const recorded = (await uploads.store.listRows(UPLOAD_ID)).length;
    expect(recorded).toBeGreaterThan(0);
    expect(recorded).toBeLessThan(5);
  });
});

describe('registerBatch with a failing row', () => {
  it('records the other rows and leaves the failing one for the next attempt', async () => {
    const { deps, items, uploads } = setup(() => ({ status: 'REGISTERED', householdId: 'HH' }));
    const deferred: number[] = [];
    let failures = 1;
    const flaky = {
      ...deps,
      registerRow: async (values: Readonly<Record<string, string>>) => {
        if (values['givenName'] === 'G4' && failures-- > 0) throw new Error('throttled');
        return deps.registerRow(values);
      },
      onRowDeferred: (rowNumber: number) => deferred.push(rowNumber),
    };
    await expect(registerBatch(flaky, { items, input, requestId: 'r1' })).rejects.toBeInstanceOf(
      BatchIncompleteError,
    );
    expect(deferred).toEqual([4]);
    expect((await uploads.store.listRows(UPLOAD_ID)).map((row) => row.rowNumber)).toEqual([3, 5, 6, 7]);
    expect(await registerBatch(flaky, { items, input, requestId: 'r2' })).toMatchObject({ rows: 5 });
    expect((await uploads.store.listRows(UPLOAD_ID)).map((row) => row.rowNumber)).toEqual([3, 4, 5, 6, 7]);
  });
});
