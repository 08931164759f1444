import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ItemReaderRequest, TaskOutcome, TaskRequest } from '#engine/contract.ts';
import { createEngine, createVirtualClock } from '#engine/index.ts';
import { runExecution, validateDefinition } from '#engine/interpreter/index.ts';
import { createMemoryEffects } from '#engine/memory-effects.ts';

const SUBSTITUTIONS: Record<string, string> = {
  ReportsBucketName: 'reports-bucket',
  CheckFileFunctionArn: 'arn:aws:lambda:eu-west-3:000000000000:function:check-file',
  RegisterRowsFunctionArn: 'arn:aws:lambda:eu-west-3:000000000000:function:register-rows',
  WriteReportFunctionArn: 'arn:aws:lambda:eu-west-3:000000000000:function:write-report',
};

function definition(): Record<string, unknown> {
  const text = readFileSync(new URL('../../../workflows/bulk-intake.asl.json', import.meta.url), 'utf8');
  return JSON.parse(
    text.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => SUBSTITUTIONS[name] ?? whole),
  );
}

const UPLOAD_ID = '01JD3Q4Z5X6Y7W8V9T0S1R2Q3P';
const INPUT = {
  bucket: 'uploads-bucket',
  key: `uploads/FeDe/${UPLOAD_ID}/liste.csv`,
  versionId: 'v1',
  eTag: 'e1',
};

interface Scenario {
  check: Record<string, unknown>;
  /** Batches (by first row) whose Lambda fails on every attempt. */
  failingBatches?: number[];
}

async function run(scenario: Scenario, input: Record<string, unknown> = INPUT) {
  const calls: { fn: string; payload: Record<string, unknown> }[] = [];
  const readers: ItemReaderRequest[] = [];
  const invoke = (request: TaskRequest): TaskOutcome => {
    const { FunctionName, Payload } = request.parameters as {
      FunctionName: string;
      Payload: Record<string, unknown>;
    };
    const fn = FunctionName.split(':').at(-1)!;
    calls.push({ fn, payload: Payload });
    if (fn === 'check-file') return { ok: true, output: { StatusCode: 200, Payload: scenario.check } };
    if (fn === 'register-rows') {
      const items = Payload['Items'] as { row: number }[];
      if (scenario.failingBatches?.includes(items[0]!.row))
        return { ok: false, error: 'StagedRowMissingError', cause: 'x' };
      return { ok: true, output: { StatusCode: 200, Payload: { uploadId: UPLOAD_ID, rows: items.length } } };
    }
    const status = Payload['mapFailed'] ? 'FAILED' : scenario.check['accepted'] ? 'COMPLETED' : 'REJECTED';
    return { ok: true, output: { StatusCode: 200, Payload: { uploadId: UPLOAD_ID, status } } };
  };
  const effects = createMemoryEffects({
    tasks: { 'arn:aws:states:::lambda:invoke': invoke },
    readItems: async (reader) => {
      readers.push(reader);
      const total = Number(scenario.check['rowsTotal'] ?? 0);
      return Array.from({ length: total }, (_, i) => ({ i, row: i + 3 }));
    },
  });
  const result = await runExecution({
    definition: definition(),
    input,
    execution: {
      Id: 'arn:aws:states:eu-west-3:000000000000:execution:bulk-intake:upload-1',
      Name: 'upload-1',
      RoleArn: 'arn:aws:iam::000000000000:role/bulk-intake',
      StartTime: '2026-11-26T08:00:00Z',
      RedriveCount: 0,
      Input: input,
    },
    stateMachine: {
      Id: 'arn:aws:states:eu-west-3:000000000000:stateMachine:bulk-intake',
      Name: 'bulk-intake',
    },
    effects,
  });
  return { result, calls, readers };
}

const accepted = (rowsTotal: number) => ({
  uploadId: UPLOAD_ID,
  partnerId: 'FeDe',
  accepted: true,
  rowsTotal,
  itemsKey: `work/${UPLOAD_ID}/items.json`,
  rowsPerChunk: 25,
});

describe('bulk-intake workflow', () => {
  it('is a valid definition', () => {
    expect(validateDefinition(definition())).toEqual([]);
  });

  it('checks the file, registers the rows in batches through the Map, then writes the report', async () => {
    const { result, calls, readers } = await run({ check: accepted(60) });
    expect(result.status).toBe('SUCCEEDED');
    expect(calls[0]).toEqual({
      fn: 'check-file',
      payload: { bucket: INPUT.bucket, key: INPUT.key, version: 'v1' },
    });
    expect(readers[0]?.parameters).toEqual({ Bucket: 'reports-bucket', Key: `work/${UPLOAD_ID}/items.json` });
    const batches = calls.filter((call) => call.fn === 'register-rows');
    expect(batches.map((call) => (call.payload['Items'] as unknown[]).length).sort()).toEqual([10, 25, 25]);
    expect(batches[0]?.payload['BatchInput']).toEqual({
      uploadId: UPLOAD_ID,
      partnerId: 'FeDe',
      objectKey: INPUT.key,
      version: 'v1',
      rowsPerChunk: 25,
    });
    expect(calls.at(-1)).toEqual({ fn: 'write-report', payload: { uploadId: UPLOAD_ID, mapFailed: false } });
  });

  it('writes a rejection report without a Map when the file is rejected', async () => {
    const { result, calls } = await run({
      check: { uploadId: UPLOAD_ID, partnerId: 'FeDe', accepted: false, rejection: 'HEADER_UNKNOWN' },
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(calls.map((call) => call.fn)).toEqual(['check-file', 'write-report']);
  });

  it('tolerates a failed batch out of many and still reports', async () => {
    const { result, calls } = await run({ check: accepted(25 * 20), failingBatches: [3] });
    expect(result.status).toBe('SUCCEEDED');
    expect(calls.at(-1)?.payload).toEqual({ uploadId: UPLOAD_ID, mapFailed: false });
  });

  it('reports and fails when more batches fail than the Map tolerates', async () => {
    const { result, calls } = await run({ check: accepted(50), failingBatches: [3] });
    expect(result.status).toBe('FAILED');
    if (result.status === 'FAILED') expect(result.error).toBe('BulkIntake.ToleratedFailuresExceeded');
    expect(calls.at(-1)).toEqual({ fn: 'write-report', payload: { uploadId: UPLOAD_ID, mapFailed: true } });
  });

  it('names the ETag as version on a bucket without versioning', async () => {
    const { calls } = await run({ check: accepted(3) }, { ...INPUT, versionId: null });
    expect(calls[0]?.payload['version']).toBe('e1');
    expect((calls[1]?.payload['BatchInput'] as { version: string } | undefined)?.version).toBe('e1');
  });

  describe('a step that fails for good fails the execution there, and a redrive resumes it', () => {
    const rejected = { uploadId: UPLOAD_ID, partnerId: 'FeDe', accepted: false, rejection: 'HEADER_UNKNOWN' };
    const failure = (name: string) => Object.assign(new Error(`${name} (test)`), { name });

    /** The definition on the durable engine, with functions that fail while `broken` names them. */
    function durableRun() {
      const calls: string[] = [];
      const broken = new Set<string>();
      const clock = createVirtualClock();
      const engine = createEngine({
        storePath: ':memory:',
        clock,
        lambdaInvoker: async (functionArn) => {
          const fn = functionArn.split(':').at(-1)!;
          calls.push(fn);
          if (broken.has(fn))
            throw failure(fn === 'check-file' ? 'UploadUnreadableError' : 'ReportWriteError');
          return fn === 'check-file' ? rejected : { uploadId: UPLOAD_ID, status: 'REJECTED' };
        },
      });
      const { stateMachineArn } = engine.createStateMachine({
        name: 'bulk-intake',
        definition: JSON.stringify(definition()),
        roleArn: 'arn:aws:iam::000000000000:role/bulk-intake',
      });
      const start = () =>
        engine.startExecution({ stateMachineArn, input: JSON.stringify(INPUT) }).executionArn;
      // Waits out the retry intervals on the virtual clock.
      const settle = async (executionArn: string) => {
        for (let step = 0; step < 40; step++) {
          const { status } = engine.describeExecution({ executionArn });
          if (status !== 'RUNNING') break;
          await clock.advance(60_000);
        }
        return engine.waitForExecution(executionArn);
      };
      return { engine, calls, broken, start, settle };
    }

    it('fails at Check file with the function error, and the redrive checks the file again', async () => {
      const { engine, calls, broken, start, settle } = durableRun();
      broken.add('check-file');
      const executionArn = start();
      const failed = await settle(executionArn);
      expect(failed).toMatchObject({ status: 'FAILED', error: 'UploadUnreadableError' });
      expect(calls).toEqual(['check-file']);
      broken.clear();
      await engine.redriveExecution({ executionArn });
      expect(await settle(executionArn)).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
      expect(calls).toEqual(['check-file', 'check-file', 'write-report']);
      engine.close();
    });

    it('fails at Write report once its retries are spent, and the redrive writes only the report', async () => {
      const { engine, calls, broken, start, settle } = durableRun();
      broken.add('write-report');
      const executionArn = start();
      const failed = await settle(executionArn);
      expect(failed).toMatchObject({ status: 'FAILED', error: 'ReportWriteError' });
      // The first attempt and four retries (States.TaskFailed).
      expect(calls).toEqual(['check-file', ...Array(5).fill('write-report')]);
      broken.clear();
      await engine.redriveExecution({ executionArn });
      expect(await settle(executionArn)).toMatchObject({ status: 'SUCCEEDED' });
      expect(calls.slice(6)).toEqual(['write-report']);
      engine.close();
    });
  });
});
