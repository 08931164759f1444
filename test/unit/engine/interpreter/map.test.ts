import { describe, expect, it } from 'vitest';
import type { MapRunResults, ResultWriterRequest } from '#engine/contract.ts';
import { execute } from './run-helper.ts';

const RESOURCE = 'arn:aws:states:::lambda:invoke';

function mapOf(
  processor: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemProcessor: {
          StartAt: 'Work',
          States: { Work: { Type: 'Task', Resource: RESOURCE, End: true } },
          ...processor,
        },
        End: true,
        ...extra,
      },
    },
  };
}

describe('Map', () => {
  it('never runs more iterations at once than MaxConcurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const { result } = await execute(mapOf({}, { MaxConcurrency: 3 }), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], {
      tasks: {
        [RESOURCE]: async (request) => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 1));
          inFlight--;
          return { ok: true, output: (request.parameters as number) * 10 };
        },
      },
    });
    expect(result).toEqual({ status: 'SUCCEEDED', output: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100] });
    expect(peak).toBe(3);
  });

  it('runs all iterations together when MaxConcurrency is 0', async () => {
    let inFlight = 0;
    let peak = 0;
    await execute(mapOf({}), [1, 2, 3, 4, 5], {
      tasks: {
        [RESOURCE]: async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 1));
          inFlight--;
          return { ok: true, output: null };
        },
      },
    });
    expect(peak).toBe(5);
  });

  it('fails with the first failing iteration error when inline', async () => {
    const { result } = await execute(mapOf({}), [1, 2, 3], {
      tasks: {
        [RESOURCE]: (request) =>
          request.parameters === 2
            ? { ok: false, error: 'Item.Invalid', cause: 'item 2' }
            : { ok: true, output: 1 },
      },
    });
    expect(result).toEqual({ status: 'FAILED', error: 'Item.Invalid', cause: 'item 2' });
  });

  it('gives each iteration its index and value through ItemSelector and keys its events by iteration', async () => {
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.rows',
          ItemSelector: {
            'row.$': '$$.Map.Item.Value',
            'index.$': '$$.Map.Item.Index',
            'batch.$': '$.batch',
          },
          ItemProcessor: { StartAt: 'Keep', States: { Keep: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };
    const { result, effects } = await execute(definition, { batch: 'b-1', rows: ['a', 'b'] });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { row: 'a', index: 0, batch: 'b-1' },
        { row: 'b', index: 1, batch: 'b-1' },
      ],
    });
    expect(effects.events.map((e) => e.key)).toContain('Each[1]/Keep#1/entered');
    expect(effects.events.filter((e) => e.type === 'MapIterationSucceeded')).toHaveLength(2);
  });

  it('batches items for a Distributed Map with ItemBatcher', async () => {
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Keep',
            States: { Keep: { Type: 'Pass', End: true } },
          },
          ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'upload.$': '$$.Execution.Name' } },
          ItemsPath: '$.rows',
          End: true,
        },
      },
    };
    const { result, effects } = await execute(definition, { rows: [1, 2, 3] });
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: [
        { BatchInput: { upload: 'run-1' }, Items: [1, 2] },
        { BatchInput: { upload: 'run-1' }, Items: [3] },
      ],
    });
    expect(effects.events.map((e) => e.type)).toContain('MapRunStarted');
  });

  it('tolerates failures up to ToleratedFailureCount, then fails with States.ExceedToleratedFailureThreshold', async () => {
    const definition = (count: number) =>
      mapOf(
        { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
        { ToleratedFailureCount: count },
      );
    const tasks = {
      [RESOURCE]: (request: { parameters: unknown }) =>
        (request.parameters as number) % 2 === 0
          ? { ok: false as const, error: 'Row.Invalid', cause: 'even' }
          : { ok: true as const, output: request.parameters },
    };
    const tolerated = await execute(definition(2), [1, 2, 3, 4], { tasks });
    expect(tolerated.result).toEqual({
      status: 'SUCCEEDED',
      output: [1, { Error: 'Row.Invalid', Cause: 'even' }, 3, { Error: 'Row.Invalid', Cause: 'even' }],
    });
    const exceeded = await execute(definition(1), [1, 2, 3, 4], { tasks });
    expect(exceeded.result).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
    });
  });

  it('runs Distributed Map children as executions of their own, outside the parent history', async () => {
    const definition = {
      StartAt: 'Rows',
      States: {
        Rows: {
          Type: 'Map',
          MaxConcurrency: 50,
          ItemSelector: { 'row.$': '$$.Map.Item.Value' },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Check',
            States: {
              Check: { Type: 'Pass', Next: 'Name' },
              Name: {
                Type: 'Pass',
                Parameters: { 'execution.$': '$$.Execution.Name', 'row.$': '$.row' },
                End: true,
              },
            },
          },
          ResultSelector: {
            'count.$': 'States.ArrayLength($)',
            'executions.$': 'States.ArrayLength(States.ArrayUnique($[*].execution))',
            'last.$': '$[9999].row',
          },
          End: true,
        },
      },
    };
    const rows = Array.from({ length: 10_000 }, (_, i) => i);
    const { result, effects } = await execute(definition, rows);
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: { count: 10_000, executions: 10_000, last: 9_999 },
    });
    expect(effects.events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapRunStarted',
      'MapRunSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('reads items through readItems and writes results through writeResults', async () => {
    let written: { writer: ResultWriterRequest; results: MapRunResults } | undefined;
    const definition = {
      StartAt: 'Rows',
      States: {
        Rows: {
          Type: 'Map',
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' },
            Parameters: { Bucket: 'uploads', 'Key.$': '$.key' },
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Keep',
            States: { Keep: { Type: 'Pass', End: true } },
          },
          ResultWriter: {
            Resource: 'arn:aws:states:::s3:putObject',
            Parameters: { Bucket: 'reports', Prefix: 'runs' },
          },
          End: true,
        },
      },
    };
    const { result } = await execute(
      definition,
      { key: 'p-1/rows.csv' },
      {
        readItems: async (reader) => {
          expect(reader).toMatchObject({
            resource: 'arn:aws:states:::s3:getObject',
            parameters: { Key: 'p-1/rows.csv' },
          });
          return [{ id: '1' }, { id: '2' }];
        },
        writeResults: async (writer, results) => {
          written = { writer, results };
          return { Bucket: 'reports', Key: `runs/${results.mapRunId}/manifest.json` };
        },
      },
    );
    expect(written?.results.children.map((c) => [c.Status, c.Output])).toEqual([
      ['SUCCEEDED', '{"id":"1"}'],
      ['SUCCEEDED', '{"id":"2"}'],
    ]);
    expect(result).toMatchObject({
      status: 'SUCCEEDED',
      output: {
        ResultWriterDetails: { Bucket: 'reports', Key: expect.stringMatching(/^runs\/.+\/manifest\.json$/) },
      },
    });
  });

  it('fails with States.ItemReaderFailed when the reader fails', async () => {
    const definition = {
      StartAt: 'Rows',
      States: {
        Rows: {
          Type: 'Map',
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED' },
            StartAt: 'Keep',
            States: { Keep: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    };
    const { result } = await execute(
      definition,
      {},
      {
        readItems: async () => {
          throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
        },
      },
    );
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed' });
  });
});
