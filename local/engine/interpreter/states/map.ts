import { type ChildRun, runChildren } from '../child-branches.ts';
import { applyInputPath, jsonataBindings } from '../data-flow.ts';
import { StatesError } from '../errors.ts';
import {
  attemptKey,
  type ExecutionRun,
  HistoryLimitError,
  type StateVisit,
  stateEvent,
} from '../execution-run.ts';
import { withRetryAndCatch } from '../retry-catch.ts';
import type { StateResult, StatesDefinition } from '../run-states.ts';
import { finishJsonata, finishJsonPath, WITH_RESULT_SELECTOR } from '../state-output.ts';
import { batchItems, selectItem } from './map-batches.ts';
import { readItems, writeResults } from './map-items.ts';
import { readMapSettings } from './map-settings.ts';

/**
 * Map: runs its ItemProcessor (or legacy Iterator) once per item, inline or DISTRIBUTED (batches,
 * tolerated failures, ItemReader and ResultWriter through optional effects).
 */
export function runMap(visit: StateVisit, input: unknown): Promise<StateResult> {
  return withRetryAndCatch(visit, input, attemptMap);
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
  const children: ChildRun[] = batches.map((batchInput, index) => {
    const child: ChildRun = {
      machine,
      input: batchInput,
      mapItem: { Index: index, Value: batches === selected ? items[index] : batchInput },
      previousKey: `${attemptKey(visit)}/MapIterationStarted[${index}]`,
    };
    if (mapRunArn) {
      child.isolatedScope = true;
      child.run = childWorkflowRun(visit, mapRunArn, index, batchInput);
    }
    return child;
  });
  const failed = new Set<number>();
  let results: unknown[];
  try {
    results = await runChildren(visit, children, settings.maxConcurrency, {
      started: (index) => iterationEvent(visit, 'MapIterationStarted', index, distributed),
      succeeded: (index) => iterationEvent(visit, 'MapIterationSucceeded', index, distributed),
      failed: (index) => {
        failed.add(index);
        iterationEvent(visit, 'MapIterationFailed', index, distributed);
      },
      tolerate: () => distributed && withinTolerance(settings, failed.size, children.length),
    });
  } catch (error) {
    if (error instanceof StatesError && !(error instanceof HistoryLimitError) && distributed) {
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
  return finishJsonPath(visit, input, result, next, WITH_RESULT_SELECTOR);
}

/** The execution a Distributed Map child runs as: its own `$$.Execution` and history budget. */
function childWorkflowRun(visit: StateVisit, mapRunArn: string, index: number, input: unknown): ExecutionRun {
  const parent = visit.branch.run;
  const mapRunId = mapRunArn.split(':').pop()!;
  return {
    ...parent,
    execution: {
      ...parent.execution,
      Id: `${mapRunArn.replace(':mapRun:', ':execution:')}:${index}`,
      Name: `${mapRunId}:${index}`,
      Input: input,
      RedriveCount: 0,
    },
    // Its ExecutionStarted is event #1.
    eventCount: 1,
    childWorkflow: true,
  };
}

/** Detail field names, built once rather than for every iteration event. */
const ITERATION_DETAILS: Record<string, string> = {
  MapIterationStarted: 'mapIterationStartedEventDetails',
  MapIterationSucceeded: 'mapIterationSucceededEventDetails',
  MapIterationFailed: 'mapIterationFailedEventDetails',
};

/** Iteration events, keyed by index; the iteration's own events follow its MapIterationStarted. */
function iterationEvent(visit: StateVisit, type: string, index: number, distributed: boolean): void {
  // A Distributed Map's iterations are child executions: the parent history shows the map run only.
  if (distributed) return;
  const { branch } = visit;
  const parentLast = branch.lastEventKey;
  const details: Record<string, unknown> = {};
  details[ITERATION_DETAILS[type]!] = { name: visit.name, index };
  stateEvent(visit, `${type}[${index}]`, type, details);
  // Iterations interleave: the Map's own sequence continues from the event before them.
  if (type === 'MapIterationStarted') branch.lastEventKey = parentLast;
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

/** Whether a Distributed Map absorbs its failures so far (ToleratedFailureCount / Percentage). */
function withinTolerance(
  settings: { toleratedFailureCount: number | undefined; toleratedFailurePercentage: number | undefined },
  failures: number,
  total: number,
): boolean {
  const { toleratedFailureCount: count, toleratedFailurePercentage: percentage } = settings;
  // Nothing tolerated unless a threshold is set; with both set, exceeding either one fails the run.
  if (count === undefined && percentage === undefined) return false;
  if (count !== undefined && failures > count) return false;
  if (percentage !== undefined && (failures / total) * 100 > percentage) return false;
  return true;
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
