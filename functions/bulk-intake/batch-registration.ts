import type { Context } from 'aws-lambda';
import type { BeneficiaryRow } from '#domain/bulk/read-beneficiary-csv.ts';
import type { Clock } from '#domain/ports/clock.ts';
import type { AuditActor } from '#shared/audit/audit-event.ts';
import type { RunOnce } from '#shared/idempotency/run-once.ts';
import { stagingChunkKey } from '../adapters/uploads/keys.ts';
import type { UploadObjects } from '../adapters/uploads/upload-objects.ts';
import type { UploadStore } from '../adapters/uploads/upload-store.ts';
import type { RowItem } from './file-check.ts';
import { COUNTER_OF, type RowOutcome } from './row-outcome.ts';

/** What the Map's ItemBatcher passes to every batch: identifiers only. */
export interface BatchInput {
  uploadId: string;
  partnerId: string;
  /** Object key and version (or ETag): with the row number, the row's idempotency key. */
  objectKey: string;
  version: string | null;
  rowsPerChunk: number;
}

export interface BatchRegistrationDeps {
  objects: UploadObjects;
  uploads: UploadStore;
  stagingBucket: string;
  once: RunOnce;
  clock: Clock;
  registerRow(values: Readonly<Record<string, string>>, actor: AuditActor): Promise<RowOutcome>;
  /** Told of a row left for the next attempt (for the log: row number and error class only). */
  onRowDeferred?(rowNumber: number, error: unknown): void;
}

/** Counts only: this is the Map child's output, in the execution history. */
export interface BatchOutcome {
  uploadId: string;
  rows: number;
  registered: number;
  duplicate: number;
  invalid: number;
}

/**
 * The batch ran out of time before its last rows (a loaded machine, a slow table). The rows done
 * are recorded; the workflow retries the batch, and those rows answer from the idempotency store.
 */
export class BatchIncompleteError extends Error {
  constructor(readonly remaining: number) {
    super(`${remaining} rows left for the next attempt`);
    this.name = 'BatchIncompleteError';
  }
}

/** Rows of a batch registered at the same time: each waits mostly on DynamoDB and Step Functions. */
export const ROWS_IN_PARALLEL = 8;
/** Time kept back to record the last rows and answer before the Lambda timeout. */
export const TIME_RESERVE_MS = 3_000;

/** A staged row the item list names but no chunk holds: the staging was altered. */
export class StagedRowMissingError extends Error {
  constructor(readonly rowNumber: number) {
    super(`Staged row ${rowNumber} not found`);
    this.name = 'StagedRowMissingError';
  }
}

/**
 * Registers one Map batch, a few rows at a time, within the Lambda's time. Each row runs once per (object key, version, row
 * number), so a retried batch, a redriven Map run or a repeated notification registers nothing
 * twice; its outcome is recorded with the upload's counters for progress and the report.
 */
export async function registerBatch(
  deps: BatchRegistrationDeps,
  batch: { items: readonly RowItem[]; input: BatchInput; requestId: string; lambdaContext?: Context },
): Promise<BatchOutcome> {
  const { input } = batch;
  const rows = await stagedRows(deps, input, batch.items);
  const actor: AuditActor = {
    actor: `upload-${input.uploadId}`,
    roles: ['partner'],
    partnerId: input.partnerId,
    requestId: batch.requestId,
  };
  const outcome: BatchOutcome = {
    uploadId: input.uploadId,
    rows: 0,
    registered: 0,
    duplicate: 0,
    invalid: 0,
  };
  const timeLeft = () => batch.lambdaContext?.getRemainingTimeInMillis() ?? Number.POSITIVE_INFINITY;
  const queue = [...batch.items];
  // Rows that failed this time (a row still in progress from an earlier attempt, a throttled
  // table): left for the workflow's retry of the batch, which only redoes what is not recorded.
  const deferred: RowItem[] = [];
  const registerNext = async (): Promise<void> => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      if (timeLeft() < TIME_RESERVE_MS) {
        deferred.push(item, ...queue.splice(0));
        return;
      }
      const row = rows.get(item.row);
      if (!row) throw new StagedRowMissingError(item.row);
      const key = `${input.objectKey}#${input.version ?? ''}#${item.row}`;
      let rowOutcome: RowOutcome;
      try {
        const result = await deps.once(
          key,
          undefined,
          async () => toJson(await deps.registerRow(row.values, actor)),
          batch.lambdaContext,
        );
        rowOutcome = result as unknown as RowOutcome;
        await deps.uploads.recordRow(input.uploadId, item.row, rowOutcome, deps.clock.now().toISOString());
      } catch (error) {
        deps.onRowDeferred?.(item.row, error);
        deferred.push(item);
        continue;
      }
      outcome.rows++;
      outcome[COUNTER_OF[rowOutcome.status]]++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(ROWS_IN_PARALLEL, queue.length) }, registerNext));
  if (deferred.length > 0) throw new BatchIncompleteError(deferred.length);
  return outcome;
}

/** Powertools stores JSON values; `undefined` fields are dropped the same way DynamoDB would. */
const toJson = (outcome: RowOutcome) => JSON.parse(JSON.stringify(outcome)) as { [key: string]: string };

async function stagedRows(
  deps: BatchRegistrationDeps,
  input: BatchInput,
  items: readonly RowItem[],
): Promise<Map<number, BeneficiaryRow>> {
  const chunks = [...new Set(items.map((item) => Math.floor(item.i / input.rowsPerChunk)))];
  const loaded = await Promise.all(
    chunks.map((chunk) =>
      deps.objects.readJson<BeneficiaryRow[]>(deps.stagingBucket, stagingChunkKey(input.uploadId, chunk)),
    ),
  );
  return new Map(loaded.flat().map((row) => [row.rowNumber, row]));
}
