import type { MapRunChildResult } from '../../contract.ts';
import { type ChildRun, runChildren } from '../child-branches.ts';
import {
  applyInputPath,
  evaluateDynamicValue,
  evaluatePayloadTemplate,
  jsonataBindings,
} from '../data-flow.ts';
import { StatesError, stateMessage } from '../errors.ts';
import { attemptKey, type StateVisit, stateEvent } from '../execution-run.ts';
import { isObject } from '../json-values.ts';
import { evaluateTemplate, expectType, type JsonataBindings, templateExpression } from '../jsonata-engine.ts';
import { withRetryAndCatch } from '../retry-catch.ts';
import type { StateResult, StatesDefinition } from '../run-states.ts';
import { finishJsonata, finishJsonPath } from '../state-output.ts';
import { readBatcherSetting, readMapSettings } from './map-settings.ts';

/**
 * Map: runs its ItemProcessor (or legacy Iterator) once per item, inline or DISTRIBUTED (batches,
 * tolerated failures, ItemReader and ResultWriter through optional effects).
 */
export function runMap(visit: StateVisit, input: unknown): Promise<StateResult> {
  return withRetryAndCatch(visit, input, () => attemptMap(visit, input));
}

function processorOf(visit: StateVisit): { machine: StatesDefinition; distributed: boolean } {
  const processor = (visit.state['ItemProcessor'] ?? visit.state['Iterator']) as Record<string, unknown>;
  const config = processor['ProcessorConfig'] as Record<string, unknown> | undefined;
  return {
    machine: processor as unknown as StatesDefinition,
    distributed: config?.['Mode'] === 'DISTRIBUTED',
  };
}

async function attemptMap(visit: StateVisit, input: unknown): Promise<StateResult> {
  const { state } = visit;
  const jsonata = visit.queryLanguage === 'JSONata';
  const bindings = jsonata ? jsonataBindings(visit, { input }) : undefined;
  const effective = jsonata ? input : applyInputPath(visit, input);
  const { machine, distributed } = processorOf(visit);

  const items = await readItems(visit, effective, bindings);
  const settings = await readMapSettings(visit, effective, bindings);
  const selected: unknown[] = [];
  for (let index = 0; index < items.length; index++) {
    selected.push(await selectItem(visit, effective, items[index], index, bindings));
  }
  const batches = await batchItems(visit, selected, effective, bindings);

  stateEvent(visit, 'started', 'MapStateStarted', {
    mapStateStartedEventDetails: { length: batches.length },
  });
  const mapRunArn = distributed ? startMapRun(visit) : undefined;
  const children: ChildRun[] = batches.map((batchInput, index) => ({
    machine,
    input: batchInput,
    mapItem: { Index: index, Value: batches === selected ? items[index] : batchInput },
    isolatedScope: distributed,
  }));
  const tolerance = distributed ? toleranceOf(settings, children.length) : undefined;
  const failed = new Set<number>();
  let results: unknown[];
  try {
    results = await runChildren(visit, children, settings.maxConcurrency, {
      started: (index) => iterationEvent(visit, 'MapIterationStarted', index),
      succeeded: (index) => iterationEvent(visit, 'MapIterationSucceeded', index),
      failed: (index) => {
        failed.add(index);
        iterationEvent(visit, 'MapIterationFailed', index);
      },
      tolerate: () => tolerance !== undefined && failed.size <= tolerance,
    });
  } catch (error) {
    if (error instanceof StatesError && distributed) {
      const exceeded = thresholdError(error);
      mapFailed(visit, mapRunArn, exceeded);
      throw exceeded;
    }
    mapFailed(visit, mapRunArn, error);
    throw error;
  }
  if (mapRunArn) stateEvent(visit, 'run-succeeded', 'MapRunSucceeded');
  stateEvent(visit, 'succeeded', 'MapStateSucceeded');

  let result: unknown = results;
  if (mapRunArn && state['ResultWriter'] !== undefined) {
    result = await writeResults(visit, mapRunArn, children, results, failed, effective, bindings);
  }
  const next = state['Next'] as string | undefined;
  if (jsonata) return { ...(await finishJsonata(visit, { input, result }, result)), next };
  return { ...finishJsonPath(visit, input, result, { resultSelector: true }), next };
}

function iterationEvent(visit: StateVisit, type: string, index: number): void {
  const field = `${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`;
  stateEvent(visit, `${type}[${index}]`, type, { [field]: { name: visit.name, index } });
}

function mapFailed(visit: StateVisit, mapRunArn: string | undefined, error: unknown): void {
  if (mapRunArn && error instanceof StatesError) {
    stateEvent(visit, 'run-failed', 'MapRunFailed', {
      mapRunFailedEventDetails: {
        error: error.error,
        ...(error.causeText ? { cause: error.causeText } : {}),
      },
    });
  }
  stateEvent(visit, 'failed', 'MapStateFailed');
}

/** How many failures a Distributed Map absorbs (Infinity when only the percentage is large enough). */
function toleranceOf(
  settings: { toleratedFailureCount: number | undefined; toleratedFailurePercentage: number | undefined },
  total: number,
): number {
  let tolerance = 0;
  if (settings.toleratedFailureCount !== undefined) tolerance = settings.toleratedFailureCount;
  if (settings.toleratedFailurePercentage !== undefined) {
    tolerance = Math.max(tolerance, Math.floor((settings.toleratedFailurePercentage / 100) * total));
  }
  return tolerance;
}

function thresholdError(cause: StatesError): StatesError {
  return new StatesError(
    'States.ExceedToleratedFailureThreshold',
    `The specified tolerated failure threshold was exceeded (last failure: ${cause.error}).`,
  );
}

function startMapRun(visit: StateVisit): string {
  const { run } = visit.branch;
  const id = run.effects.uuid(`${attemptKey(visit)}/map-run`);
  const [, partition, , region, account] = run.execution.Id.split(':');
  const mapRunArn = `arn:${partition ?? 'aws'}:states:${region ?? 'us-east-1'}:${account ?? '000000000000'}:mapRun:${run.stateMachine.Name}/${visit.name}:${id}`;
  stateEvent(visit, 'run-started', 'MapRunStarted', { mapRunStartedEventDetails: { mapRunArn } });
  return mapRunArn;
}

async function readItems(
  visit: StateVisit,
  input: unknown,
  bindings: JsonataBindings | undefined,
): Promise<unknown[]> {
  const { state } = visit;
  if (state['ItemReader'] !== undefined) return readFromItemReader(visit, input, bindings);
  if (bindings) {
    const items = state['Items'];
    if (items === undefined) {
      if (!Array.isArray(input)) {
        throw new StatesError(
          'States.QueryEvaluationError',
          stateMessage(
            visit.name,
            visit.enteredEventId,
            `Map state input must be an array but was: ${JSON.stringify(input)}`,
          ),
        );
      }
      return input;
    }
    const value = await evaluateTemplate(items, bindings, 'Items');
    const text = typeof items === 'string' ? (templateExpression(items) ?? items) : JSON.stringify(items);
    expectType(value, 'array', text, 'Items', bindings);
    return value as unknown[];
  }
  const path = state['ItemsPath'];
  const value = typeof path === 'string' ? evaluateDynamicValue(visit, path, input, 'ItemsPath') : input;
  if (!Array.isArray(value)) {
    throw new StatesError(
      'States.Runtime',
      stateMessage(
        visit.name,
        visit.enteredEventId,
        `Invalid path '${String(path ?? '$')}': The Map state's ItemsPath must reference an array, but was: ${JSON.stringify(value)}`,
      ),
    );
  }
  return value;
}

async function readFromItemReader(
  visit: StateVisit,
  input: unknown,
  bindings: JsonataBindings | undefined,
): Promise<unknown[]> {
  const reader = visit.state['ItemReader'] as Record<string, unknown>;
  const { effects } = visit.branch.run;
  const fail = (message: string) =>
    new StatesError('States.ItemReaderFailed', stateMessage(visit.name, visit.enteredEventId, message));
  const parameters = bindings
    ? await evaluateTemplate(reader['Arguments'] ?? {}, bindings, 'ItemReader/Arguments')
    : evaluatePayloadTemplate(visit, reader['Parameters'] ?? {}, input);
  const readerConfig = { ...((reader['ReaderConfig'] as Record<string, unknown> | undefined) ?? {}) };
  if (bindings && typeof readerConfig['MaxItems'] === 'string') {
    readerConfig['MaxItems'] = await evaluateTemplate(
      readerConfig['MaxItems'],
      bindings,
      'ItemReader/ReaderConfig/MaxItems',
    );
  } else if (typeof readerConfig['MaxItemsPath'] === 'string') {
    readerConfig['MaxItems'] = evaluateDynamicValue(
      visit,
      readerConfig['MaxItemsPath'],
      input,
      'MaxItemsPath',
    );
    delete readerConfig['MaxItemsPath'];
  }
  if (!effects.readItems) throw fail('This engine has no ItemReader support.');
  if (!isObject(parameters)) throw fail('ItemReader parameters must be an object.');
  try {
    const items = await effects.readItems(`${attemptKey(visit)}/read-items`, {
      resource: reader['Resource'] as string,
      parameters,
      readerConfig,
      stateName: visit.name,
    });
    const max = readerConfig['MaxItems'];
    return typeof max === 'number' && max > 0 ? items.slice(0, max) : items;
  } catch (error) {
    if (error instanceof StatesError) throw error;
    throw fail(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
}

async function selectItem(
  visit: StateVisit,
  input: unknown,
  item: unknown,
  index: number,
  bindings: JsonataBindings | undefined,
): Promise<unknown> {
  const selector = visit.state['ItemSelector'] ?? (bindings ? undefined : visit.state['Parameters']);
  if (selector === undefined) return item;
  const itemVisit: StateVisit = {
    ...visit,
    branch: { ...visit.branch, mapItem: { Index: index, Value: item } },
  };
  if (bindings) return evaluateTemplate(selector, jsonataBindings(itemVisit, { input }), 'ItemSelector');
  return evaluatePayloadTemplate(itemVisit, selector, input);
}

/** ItemBatcher: `{ BatchInput, Items: [...] }` batches bounded by item count and serialized size. */
async function batchItems(
  visit: StateVisit,
  items: unknown[],
  input: unknown,
  bindings: JsonataBindings | undefined,
): Promise<unknown[]> {
  const batcher = visit.state['ItemBatcher'] as Record<string, unknown> | undefined;
  if (!batcher) return items;
  const maxItems =
    (await readBatcherSetting(visit, batcher, 'MaxItemsPerBatch', input, bindings)) ?? Infinity;
  const maxBytes =
    (await readBatcherSetting(visit, batcher, 'MaxInputBytesPerBatch', input, bindings)) ?? Infinity;
  let batchInput: unknown = batcher['BatchInput'];
  if (batchInput !== undefined) {
    batchInput = bindings
      ? await evaluateTemplate(batchInput, bindings, 'ItemBatcher/BatchInput')
      : evaluatePayloadTemplate(visit, batchInput, input);
  }
  const batches: unknown[] = [];
  let current: unknown[] = [];
  let currentBytes = 0;
  const flush = () => {
    if (current.length === 0) return;
    batches.push(batchInput === undefined ? { Items: current } : { BatchInput: batchInput, Items: current });
    current = [];
    currentBytes = 0;
  };
  for (const item of items) {
    const bytes = Buffer.byteLength(JSON.stringify(item) ?? 'null');
    if (current.length >= maxItems || (current.length > 0 && currentBytes + bytes > maxBytes)) flush();
    current.push(item);
    currentBytes += bytes;
  }
  flush();
  return batches;
}

async function writeResults(
  visit: StateVisit,
  mapRunArn: string,
  children: ChildRun[],
  results: unknown[],
  failed: Set<number>,
  input: unknown,
  bindings: JsonataBindings | undefined,
): Promise<unknown> {
  const writer = visit.state['ResultWriter'] as Record<string, unknown>;
  const { effects, stateMachine } = visit.branch.run;
  if (!effects.writeResults) {
    throw new StatesError(
      'States.ResultWriterFailed',
      stateMessage(visit.name, visit.enteredEventId, 'This engine has no ResultWriter support.'),
    );
  }
  const parameters = bindings
    ? await evaluateTemplate(writer['Arguments'] ?? {}, bindings, 'ResultWriter/Arguments')
    : evaluatePayloadTemplate(visit, writer['Parameters'] ?? {}, input);
  const mapRunId = mapRunArn.split(':').pop()!;
  const now = effects.now(`${attemptKey(visit)}/result-writer-time`).toISOString();
  const childResults: MapRunChildResult[] = children.map((child, index) => {
    const output = results[index];
    const base = {
      ExecutionArn: `${mapRunArn.replace(':mapRun:', ':execution:')}:${index}`,
      Name: `${mapRunId}:${index}`,
      Input: JSON.stringify(child.input),
      InputDetails: { Included: true },
      StartDate: now,
      StopDate: now,
      StateMachineArn: stateMachine.Id,
      RedriveCount: 0,
      RedriveStatus: 'NOT_REDRIVABLE',
    };
    const error = output as { Error?: string; Cause?: string };
    return failed.has(index)
      ? { ...base, Status: 'FAILED' as const, Error: error.Error ?? '', Cause: error.Cause ?? '' }
      : {
          ...base,
          Status: 'SUCCEEDED' as const,
          Output: JSON.stringify(output),
          OutputDetails: { Included: true },
        };
  });
  const details = await effects.writeResults(
    `${attemptKey(visit)}/write-results`,
    {
      resource: writer['Resource'] as string,
      parameters: parameters as Record<string, unknown>,
      ...(isObject(writer['WriterConfig']) ? { writerConfig: writer['WriterConfig'] } : {}),
      stateName: visit.name,
    },
    { mapRunArn, mapRunId, children: childResults },
  );
  return { MapRunArn: mapRunArn, ResultWriterDetails: details };
}
