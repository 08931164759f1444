import type { MapRunChildResult } from '../../contract.ts';
import type { ChildRun } from '../child-branches.ts';
import { evaluateDynamicValue, evaluatePayloadTemplate } from '../data-flow.ts';
import { StatesError, stateMessage } from '../errors.ts';
import { attemptKey, type StateVisit } from '../execution-run.ts';
import { isObject } from '../json-values.ts';
import { evaluateTemplate, expectType, type JsonataBindings, templateExpression } from '../jsonata-engine.ts';

/**
 * Where a Map state's items come from (Items, ItemsPath, or an ItemReader through the optional
 * `readItems` effect) and where a Distributed Map's results go (ResultWriter through `writeResults`).
 */

export async function readItems(
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

export async function writeResults(
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
