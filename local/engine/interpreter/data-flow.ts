import { runtimeError, StatesError } from './errors.ts';
import {
  contextObject,
  enteredTime,
  nextEffectKey,
  runsAlone,
  type StateDefinition,
  type StateVisit,
} from './execution-run.ts';
import { INTRINSICS, IntrinsicArgumentError } from './intrinsics/functions.ts';
import { type IntrinsicArgument, isIntrinsicCall, parseIntrinsic } from './intrinsics/parse.ts';
import { evaluatePath, PathNotFoundError, setAtPath } from './json-path.ts';
import { isObject } from './json-values.ts';
import {
  compileExpression,
  ERROR_PREFIX,
  type JsonataBindings,
  PLAIN_EXPRESSIONS,
} from './jsonata-engine.ts';
import { DEFERRED_CONTEXT, type DeferredContext, NOT_PLAIN, walkFrom } from './jsonata-plain.ts';
import { lookupVariable, visibleVariables } from './variables.ts';

/**
 * How data moves through a state: JSONPath (InputPath, Parameters, ResultSelector, ResultPath,
 * OutputPath, `.$` keys, intrinsic functions, `$$` and `$variable` references) and the bindings a
 * JSONata state evaluates against.
 */

const VARIABLE_PATH = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/s;

/** Evaluates a reference: `$.x` against `input`, `$$.x` against the context object, `$name.x` against a variable. */
export function resolveReference(visit: StateVisit, path: string, input: unknown): unknown {
  if (path.startsWith('$$')) return evaluatePath(path.slice(1), contextFor(visit, path));
  if (path === '$' || path.startsWith('$.') || path.startsWith('$[')) return evaluatePath(path, input);
  const match = VARIABLE_PATH.exec(path);
  if (!match) return evaluatePath(path, input);
  const variable = lookupVariable(visit.branch.scope, match[1]!);
  if (!variable.found) throw new PathNotFoundError(path);
  const rest = match[2]!;
  return rest === '' ? variable.value : evaluatePath(`$${rest}`, variable.value);
}

/**
 * The context object, or as much of it as a `$$` path reads: `$$.Execution.Id` and
 * `$$.Map.Item.Value` (once per Map item) need only their own part, and the State part, whose
 * EnteredTime getter makes the object slow to build, is left out. The walk from the root is the
 * same, so a missing field fails with the same path.
 */
function contextFor(visit: StateVisit, path: string): Record<string, unknown> {
  const { run, mapItem } = visit.branch;
  if (readsOnly(path, 'Execution')) return { Execution: run.execution };
  if (readsOnly(path, 'StateMachine')) return { StateMachine: run.stateMachine };
  if (mapItem && readsOnly(path, 'Map')) return { Map: { Item: mapItem } };
  return contextObject(visit);
}

/** Whether a `$$` path stays within one part of the context object: `$$.Execution` or `$$.Execution.…`. */
function readsOnly(path: string, part: string): boolean {
  return (
    path.startsWith(part, 3) &&
    path[2] === '.' &&
    (path.length === 3 + part.length || path[3 + part.length] === '.')
  );
}

function missingPath(visit: StateVisit, path: string, field: string, input: unknown): StatesError {
  return runtimeError(
    visit.name,
    visit.enteredEventId,
    `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(input)}'`,
  );
}

/** Evaluates a `.$` value: a path, a context path, a variable or an intrinsic function call. */
export function evaluateDynamicValue(
  visit: StateVisit,
  text: string,
  input: unknown,
  field: string,
): unknown {
  if (isIntrinsicCall(text)) return evaluateIntrinsic(visit, text, input, field);
  try {
    return resolveReference(visit, text, input);
  } catch (error) {
    if (error instanceof PathNotFoundError) throw missingPath(visit, text, field, input);
    throw error;
  }
}

function evaluateIntrinsic(visit: StateVisit, text: string, input: unknown, field: string): unknown {
  let call: ReturnType<typeof parseIntrinsic>;
  try {
    call = parseIntrinsic(text);
  } catch (error) {
    throw new StatesError('States.IntrinsicFailure', intrinsicMessage(visit, text, field, error));
  }
  return evaluateCall(visit, call, input, text, field);
}

function intrinsicMessage(visit: StateVisit, text: string, field: string, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `An error occurred while executing the state '${visit.name}' (entered at the event id #${visit.enteredEventId}). The function '${text}' specified for the field '${field}' failed: ${detail}`;
}

function evaluateCall(
  visit: StateVisit,
  call: { name: string; args: IntrinsicArgument[] },
  input: unknown,
  text: string,
  field: string,
): unknown {
  const implementation = INTRINSICS[call.name];
  if (!implementation) {
    throw new StatesError(
      'States.IntrinsicFailure',
      intrinsicMessage(visit, text, field, `unknown function ${call.name}`),
    );
  }
  const args = call.args.map((arg, index) => {
    if (arg.kind === 'call') return evaluateCall(visit, arg, input, text, field);
    if (arg.kind === 'path') {
      try {
        return resolveReference(visit, arg.path, input);
      } catch (error) {
        if (error instanceof PathNotFoundError) throw missingPath(visit, arg.path, field, input);
        throw error;
      }
    }
    // Escaped braces matter only to the States.Format template.
    if (typeof arg.value === 'string' && !(call.name === 'States.Format' && index === 0)) {
      return arg.value.replace(/\\([{}])/g, '$1');
    }
    return arg.value;
  });
  try {
    // A method, not an arrow function: tsx (esbuild keepNames) would name an arrow function
    // through Object.defineProperty on every call, which costs more than most intrinsics.
    const effects = {
      uuid() {
        return visit.branch.run.effects.uuid(nextEffectKey(visit, 'uuid'));
      },
    };
    return implementation(args, effects);
  } catch (error) {
    if (error instanceof IntrinsicArgumentError) {
      throw new StatesError('States.IntrinsicFailure', intrinsicMessage(visit, text, field, error));
    }
    throw error;
  }
}

/** Parameters, ResultSelector, ItemSelector, JSONPath Assign: keys ending in `.$` are evaluated. */
export function evaluatePayloadTemplate(
  visit: StateVisit,
  template: unknown,
  input: unknown,
  field = '',
): unknown {
  if (Array.isArray(template)) {
    return template.map((item, i) => evaluatePayloadTemplate(visit, item, input, `${field}[${i}]`));
  }
  if (!isObject(template)) return template;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(template)) {
    const value = template[key];
    if (key.endsWith('.$') && typeof value === 'string') {
      out[key.slice(0, -2)] = evaluateDynamicValue(visit, value, input, key);
    } else {
      out[key] = evaluatePayloadTemplate(visit, value, input, key);
    }
  }
  return out;
}

export function applyInputPath(visit: StateVisit, input: unknown): unknown {
  const path = visit.state['InputPath'];
  if (path === undefined) return input;
  if (path === null) return {};
  return selectPath(visit, path as string, input);
}

export function applyOutputPath(visit: StateVisit, output: unknown): unknown {
  const path = visit.state['OutputPath'];
  if (path === undefined) return output;
  if (path === null) return {};
  return selectPath(visit, path as string, output);
}

function selectPath(visit: StateVisit, path: string, value: unknown): unknown {
  try {
    return resolveReference(visit, path, value);
  } catch (error) {
    if (error instanceof PathNotFoundError) {
      throw runtimeError(visit.name, visit.enteredEventId, `Invalid path '${path}' : ${error.message}`);
    }
    throw error;
  }
}

/** ResultPath: `$` (default) replaces, null discards the result, a path places it into the raw input. */
export function applyResultPath(
  visit: StateVisit,
  rawInput: unknown,
  result: unknown,
  path: unknown,
): unknown {
  if (path === undefined || path === '$') return result;
  if (path === null) return rawInput;
  try {
    return setAtPath(rawInput, path as string, result);
  } catch (error) {
    if (error instanceof PathNotFoundError) {
      throw runtimeError(
        visit.name,
        visit.enteredEventId,
        `Invalid path '${String(path)}': The ResultPath cannot be applied to the input '${JSON.stringify(rawInput)}'`,
      );
    }
    throw error;
  }
}

/** `$states` and the variables, plus AWS's functions, for a JSONata evaluation in this state. */
export function jsonataBindings(
  visit: StateVisit,
  states: { input: unknown; result?: unknown; errorOutput?: unknown },
): JsonataBindings {
  const { effects } = visit.branch.run;
  // AWS's pure functions are bound to each compiled expression once (see compileExpression).
  const bindings: JsonataBindings = {};
  bindings['uuid'] = () => effects.uuid(nextEffectKey(visit, 'uuid'));
  bindings['random'] = (seed?: number) => {
    if (typeof seed === 'number') return seededRandom(seed);
    // Derived from a journaled UUID so that a replay sees the same number.
    return (
      Number.parseInt(effects.uuid(nextEffectKey(visit, 'random')).replace(/-/g, '').slice(0, 13), 16) /
      2 ** 52
    );
  };
  bindings['now'] = (picture?: string, timezone?: string) => {
    const now = effects.now(nextEffectKey(visit, 'now'));
    if (picture === undefined) return now.toISOString();
    // JSONata's own formatting, on the journaled instant.
    return compileExpression('$fromMillis($ms, $picture, $timezone)').evaluate(
      {},
      { ms: now.getTime(), picture, timezone },
    );
  };
  bindings['millis'] = () => effects.now(nextEffectKey(visit, 'now')).getTime();
  // Variables come after the functions: a workflow's own names win, as with any JSONata binding.
  visibleVariables(visit.branch.scope, bindings);
  const statesValue: Record<string, unknown> = { input: states.input };
  if (readsStatesContext(visit.state)) {
    // In its place among the fields of `$states`, built when first needed whole.
    statesValue['context'] = undefined;
    bindings[DEFERRED_CONTEXT] = new DeferredStatesContext(visit, statesValue);
  }
  if ('result' in states) statesValue['result'] = states.result;
  if ('errorOutput' in states) statesValue['errorOutput'] = states.errorOutput;
  bindings['states'] = statesValue;
  if (runsAlone(visit.branch)) bindings[PLAIN_EXPRESSIONS] = true;
  bindings[ERROR_PREFIX] =
    `An error occurred while executing the state '${visit.name}' (entered at the event id #${visit.enteredEventId}).`;
  return bindings;
}

/**
 * `$states.context` until an expression needs it whole. The common reads of one of its fields
 * (`$states.context.Task.Token`, `….State.EnteredTime`, `….Execution.Id`) are answered from the
 * visit, the same values the object would hold; the object, slow to build for its EnteredTime
 * getter, is built only when the library evaluates an expression of the state.
 */
class DeferredStatesContext implements DeferredContext {
  readonly #visit: StateVisit;
  readonly #states: Record<string, unknown>;
  #built = false;

  constructor(visit: StateVisit, states: Record<string, unknown>) {
    this.#visit = visit;
    this.#states = states;
  }

  read(path: readonly string[], from: number): unknown {
    if (this.#built) return walkFrom(this.#states['context'], path, from);
    const visit = this.#visit;
    const { run, mapItem } = visit.branch;
    const part = path[from];
    const field = path.length === from + 2 ? path[from + 1] : undefined;
    // Objects the context holds as they are can be walked into; its own small objects (State,
    // Task, Map) are new with each context, so only their fields are read here.
    if (part === 'Execution') return walkFrom(run.execution, path, from + 1);
    if (part === 'StateMachine') return walkFrom(run.stateMachine, path, from + 1);
    if (part === 'Map' && mapItem && path[from + 1] === 'Item') return walkFrom(mapItem, path, from + 2);
    if (part === 'Task' && field === 'Token' && visit.taskToken !== undefined) return visit.taskToken;
    if (part !== 'State') return NOT_PLAIN;
    if (field === 'Name') return visit.name;
    if (field === 'RetryCount') return visit.retryCount;
    if (field === 'EnteredTime') return enteredTime(visit);
    return NOT_PLAIN;
  }

  build(): void {
    if (this.#built) return;
    this.#states['context'] = contextObject(this.#visit);
    this.#built = true;
  }
}

/**
 * Whether a state's expressions may read `$states.context`. Building the context object costs
 * more than most evaluations (its EnteredTime getter makes every one a new object shape), and
 * few states read it. Any `$states` not followed by `.input`, `.result` or `.errorOutput`, and any
 * `$eval`, counts as reading it, so the answer errs on the side of building it.
 */
const readsContextByState = new WeakMap<StateDefinition, boolean>();
const MAY_READ_CONTEXT = /\$states(?!\.(?:input|result|errorOutput)\b)|\$eval/;

function readsStatesContext(state: StateDefinition): boolean {
  let reads = readsContextByState.get(state);
  if (reads === undefined) {
    reads = MAY_READ_CONTEXT.test(JSON.stringify(state));
    readsContextByState.set(state, reads);
  }
  return reads;
}

function seededRandom(seed: number): number {
  let x = (seed ^ 0x2545f491) >>> 0;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return (x >>> 0) / 2 ** 32;
}
