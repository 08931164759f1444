import type { ExecutionContext, ExecutionEffects, StateMachineContext, TaskRequest } from '../contract.ts';
import { ExecutionAbortedError, StatesError } from './errors.ts';
import type { VariableScope } from './variables.ts';

/**
 * The per-execution and per-branch bookkeeping the states share: effects, deterministic keys,
 * history events (with the 25,000-event limit), visit counters and the context object.
 */

export type QueryLanguage = 'JSONPath' | 'JSONata';
export type StateDefinition = Record<string, unknown>;

export const MAX_HISTORY_EVENTS = 25_000;

export interface ExecutionRun {
  readonly effects: ExecutionEffects;
  readonly execution: ExecutionContext;
  readonly stateMachine: StateMachineContext;
  readonly queryLanguage: QueryLanguage;
  eventCount: number;
  /** Events are numbered, not built (`ExecutionEffects.countsEventsOnly`). */
  readonly lean: boolean;
  /**
   * A Distributed Map child workflow: on AWS it is an execution of its own, so its events stay
   * out of the parent history (and its own 25,000-event budget starts at zero). Its effects are
   * still journaled by key, so replay is unchanged.
   */
  readonly childWorkflow?: boolean;
}

/** One thread of states: the root, a Parallel branch or a Map iteration. */
export interface Branch {
  readonly run: ExecutionRun;
  /** `''` at the root, then `Fan out[1]`, `Fan out[1]/Process item[37]`. */
  readonly keyPrefix: string;
  readonly visits: Map<string, number>;
  readonly scope: VariableScope;
  readonly mapItem?: { Index: number; Value: unknown };
  /** The key of this branch's latest event: the next one names it as its `previousKey`. */
  lastEventKey?: string;
  /** The text of the output the branch ended with (normal runs), which ExecutionSucceeded shows too. */
  outputText?: string;
}

/** One entry into a state (all its retry attempts). */
export interface StateVisit {
  readonly branch: Branch;
  readonly name: string;
  readonly state: StateDefinition;
  readonly queryLanguage: QueryLanguage;
  /** `<branch path>/<state name>#<visit>`. */
  readonly key: string;
  readonly visitNumber: number;
  enteredEventId: number;
  /** Read through {@link enteredTime}: journaled only when a state needs it. */
  enteredTimeCache: string | undefined;
  retryCount: number;
  /** Counter for effect keys that a state can take several times (`$uuid()`). */
  effectCounter: number;
  taskToken?: string;
  /**
   * What the loop knows of the state's input, which is the previous state's output as it was
   * checked against the payload limit (no workflow code runs in between): its text in a normal
   * run, `true` in a lean run once it was found within the limit. A Task sending its input as it
   * is reuses this rather than serializing or measuring it again.
   */
  inputChecked: string | true | undefined;
}

/** Fails the execution whatever Catch says: the history is full. */
export class HistoryLimitError extends StatesError {
  constructor() {
    super(
      'States.Runtime',
      `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}) and was terminated.`,
    );
  }
}

export function recordEvent(
  run: ExecutionRun,
  key: string,
  type: string,
  details: Record<string, unknown> = {},
  terminal = false,
  previousKey?: string,
): number {
  // The last slot is kept for the terminal event (ExecutionFailed when the limit is what ends it).
  if (!terminal && run.eventCount >= MAX_HISTORY_EVENTS - 1) throw new HistoryLimitError();
  run.eventCount++;
  // A child workflow numbers its events itself (for "entered at the event id #n" in its errors).
  if (run.childWorkflow || run.lean) return run.eventCount;
  return run.effects.recordEvent(
    key,
    previousKey === undefined ? { type, details } : { type, details, previousKey },
  );
}

/** The id of the next event of a lean run, which builds none (callers skip making its details). */
export function countEvent(run: ExecutionRun): number {
  if (run.eventCount >= MAX_HISTORY_EVENTS - 1) throw new HistoryLimitError();
  return ++run.eventCount;
}

/**
 * Whether a branch is the execution's root, which no other branch runs beside. Parallel branches
 * and Map iterations interleave their events by the turns their states take, so a shortcut that
 * saves a turn (a state answering synchronously, no Retry/Catch wrapper) is for the root only:
 * their history stays as it always was.
 */
export function runsAlone(branch: Branch): boolean {
  return branch.keyPrefix === '';
}

export function checkAborted(run: ExecutionRun): void {
  if (run.effects.signal.aborted) throw new ExecutionAbortedError();
}

/** The key of the current attempt: retries append `@<n>`. */
export function attemptKey(visit: StateVisit): string {
  return visit.retryCount === 0 ? visit.key : `${visit.key}@${visit.retryCount}`;
}

export function stateEvent(
  visit: StateVisit,
  effect: string,
  type: string,
  details?: Record<string, unknown>,
): number {
  const { branch } = visit;
  if (branch.run.lean) return countEvent(branch.run);
  const key = `${attemptKey(visit)}/${effect}`;
  const id = recordEvent(branch.run, key, type, details, false, branch.lastEventKey);
  branch.lastEventKey = key;
  return id;
}

export function nextEffectKey(visit: StateVisit, effect: string): string {
  visit.effectCounter++;
  return `${attemptKey(visit)}/${effect}${visit.effectCounter}`;
}

/** When the state was entered (`$$.State.EnteredTime`), journaled on first use. */
export function enteredTime(visit: StateVisit): string {
  visit.enteredTimeCache ??= visit.branch.run.effects.now(`${visit.key}/entered-time`).toISOString();
  return visit.enteredTimeCache;
}

export function contextObject(
  visit: StateVisit,
  retryCount = visit.retryCount,
  taskToken = visit.taskToken,
): Record<string, unknown> {
  const { run, mapItem } = visit.branch;
  const context: Record<string, unknown> = {
    Execution: run.execution,
    StateMachine: run.stateMachine,
    State: {
      Name: visit.name,
      // A getter: most states never read the time, and each read is a journaled effect.
      get EnteredTime() {
        return enteredTime(visit);
      },
      RetryCount: retryCount,
    },
  };
  if (mapItem) context['Map'] = { Item: mapItem };
  if (taskToken !== undefined) context['Task'] = { Token: taskToken };
  return context;
}

/**
 * A Task's request, whose context object is built when first read, as it was when the request
 * was made: few runs of a task read it (a callback's token, a test), and building it (an object
 * literal with a getter is slow to create) cost more than the rest of the request. A class, for
 * a getter on the prototype, which costs nothing per request.
 */
export class LazyContextTaskRequest implements TaskRequest {
  declare timeoutSeconds?: number;
  declare heartbeatSeconds?: number;
  readonly stateName: string;
  readonly #visit: StateVisit;
  readonly #retryCount: number;
  readonly #taskToken: string | undefined;
  #context: Record<string, unknown> | undefined;

  readonly resource: string;
  readonly parameters: unknown;

  constructor(visit: StateVisit, resource: string, parameters: unknown) {
    this.resource = resource;
    this.parameters = parameters;
    this.stateName = visit.name;
    this.#visit = visit;
    this.#retryCount = visit.retryCount;
    this.#taskToken = visit.taskToken;
  }

  get context(): Record<string, unknown> {
    this.#context ??= contextObject(this.#visit, this.#retryCount, this.#taskToken);
    return this.#context;
  }
}

export function beginVisit(
  branch: Branch,
  name: string,
  state: StateDefinition,
  inputChecked: string | true | undefined,
): StateVisit {
  const visitNumber = (branch.visits.get(name) ?? 0) + 1;
  branch.visits.set(name, visitNumber);
  const queryLanguage = (state['QueryLanguage'] as QueryLanguage | undefined) ?? branch.run.queryLanguage;
  const key = `${branch.keyPrefix}/${name}#${visitNumber}`;
  return {
    branch,
    name,
    state,
    queryLanguage,
    key,
    visitNumber,
    enteredEventId: 0,
    enteredTimeCache: undefined,
    retryCount: 0,
    effectCounter: 0,
    inputChecked,
  };
}

/** The key prefix of a Parallel branch or Map iteration: `Fan out[1]`, `Fan out#2[1]` on a second visit, `Fan out@1[1]` on a retry. */
export function childKeyPrefix(visit: StateVisit, index: number): string {
  let name = visit.visitNumber === 1 ? visit.name : `${visit.name}#${visit.visitNumber}`;
  if (visit.retryCount > 0) name += `@${visit.retryCount}`;
  return `${visit.branch.keyPrefix}${visit.branch.keyPrefix ? '/' : ''}${name}[${index}]`;
}
