import { isIntrinsicCall, parseIntrinsic } from './intrinsics/parse.ts';
import { parseSimplePath } from './json-path.ts';
import { isObject } from './json-values.ts';
import { compileExpression, templateExpression } from './jsonata-engine.ts';

/**
 * Static checks of an ASL definition, reported as ValidateStateMachineDefinition does
 * (`{ severity, code, message, location }`, location a JSON pointer such as `/States/Fetch/Next`).
 * CreateStateMachine turns the errors into `InvalidDefinition` with {@link invalidDefinitionMessage}.
 */

export interface DefinitionDiagnostic {
  severity: 'ERROR' | 'WARNING';
  code: string;
  message: string;
  location: string;
}

type Json = Record<string, unknown>;
type QueryLanguage = 'JSONPath' | 'JSONata';

const STATE_TYPES = new Set(['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);
const NEEDS_TRANSITION = new Set(['Pass', 'Task', 'Wait', 'Parallel', 'Map']);
const JSONPATH_ONLY_FIELDS = [
  'InputPath',
  'Parameters',
  'ResultSelector',
  'ResultPath',
  'OutputPath',
  'ItemsPath',
  'SecondsPath',
  'TimestampPath',
  'ErrorPath',
  'CausePath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
  'Iterator',
];
const JSONATA_ONLY_FIELDS = ['Arguments', 'Output', 'Items'];
const WAIT_FIELDS = ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'];
const MAX_STATE_NAME = 80;

const COMMON_FIELDS = ['Type', 'Comment', 'QueryLanguage', 'InputPath', 'OutputPath', 'Output', 'Assign'];
const RESULT_FIELDS = ['ResultSelector', 'ResultPath', 'Retry', 'Catch', 'Next', 'End'];
/** The fields each state type accepts in either query language; anything else is a schema error. */
const ALLOWED_FIELDS: Record<string, Set<string>> = {
  Pass: new Set([...COMMON_FIELDS, 'Result', 'ResultPath', 'Parameters', 'Next', 'End']),
  Task: new Set([
    ...COMMON_FIELDS,
    ...RESULT_FIELDS,
    'Resource',
    'Parameters',
    'Arguments',
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
    'Credentials',
  ]),
  Choice: new Set([...COMMON_FIELDS, 'Choices', 'Default']),
  Wait: new Set([...COMMON_FIELDS, 'Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath', 'Next', 'End']),
  Succeed: new Set(COMMON_FIELDS),
  Fail: new Set(['Type', 'Comment', 'QueryLanguage', 'Error', 'ErrorPath', 'Cause', 'CausePath']),
  Parallel: new Set([...COMMON_FIELDS, ...RESULT_FIELDS, 'Branches', 'Parameters', 'Arguments']),
  Map: new Set([
    ...COMMON_FIELDS,
    ...RESULT_FIELDS,
    'ItemProcessor',
    'Iterator',
    'ItemsPath',
    'Items',
    'ItemSelector',
    'Parameters',
    'ItemReader',
    'ItemBatcher',
    'ResultWriter',
    'MaxConcurrency',
    'MaxConcurrencyPath',
    'ToleratedFailureCount',
    'ToleratedFailureCountPath',
    'ToleratedFailurePercentage',
    'ToleratedFailurePercentagePath',
    'Label',
  ]),
};

class Collector {
  readonly diagnostics: DefinitionDiagnostic[] = [];
  error(code: string, message: string, location: string): void {
    this.diagnostics.push({ severity: 'ERROR', code, message, location });
  }
  warn(code: string, message: string, location: string): void {
    this.diagnostics.push({ severity: 'WARNING', code, message, location });
  }
}

export function validateDefinition(definition: unknown): DefinitionDiagnostic[] {
  const out = new Collector();
  if (!isObject(definition)) {
    out.error('INVALID_JSON_DESCRIPTION', 'The definition must be a JSON object.', '/');
    return out.diagnostics;
  }
  const topLanguage = definition['QueryLanguage'] ?? 'JSONPath';
  if (topLanguage !== 'JSONPath' && topLanguage !== 'JSONata') {
    out.error(
      'SCHEMA_VALIDATION_FAILED',
      `Unknown QueryLanguage '${String(topLanguage)}'.`,
      '/QueryLanguage',
    );
  }
  validateMachine(out, definition, '', topLanguage === 'JSONata' ? 'JSONata' : 'JSONPath');
  return out.diagnostics;
}

/** The message of an InvalidDefinition error, as CreateStateMachine words it. */
export function invalidDefinitionMessage(diagnostics: DefinitionDiagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'ERROR');
  const lines = errors.map((d) => `${d.code}: ${d.message} at ${d.location}`);
  return `Invalid State Machine Definition: '${lines.join(', ')}'`;
}

function validateMachine(out: Collector, machine: Json, location: string, language: QueryLanguage): void {
  const states = machine['States'];
  if (typeof machine['StartAt'] !== 'string') {
    out.error('SCHEMA_VALIDATION_FAILED', 'These fields are required: [StartAt]', location || '/');
  }
  if (!isObject(states) || Object.keys(states).length === 0) {
    out.error('SCHEMA_VALIDATION_FAILED', 'These fields are required: [States]', location || '/');
    return;
  }
  const startAt = machine['StartAt'];
  if (typeof startAt === 'string' && !(startAt in states)) {
    out.error('MISSING_TRANSITION_TARGET', `Missing 'Next' target: ${startAt}`, `${location}/StartAt`);
  }
  for (const [name, state] of Object.entries(states)) {
    const stateLocation = `${location}/States/${name}`;
    if (name.length === 0 || name.length > MAX_STATE_NAME) {
      out.error(
        'SCHEMA_VALIDATION_FAILED',
        `State names must be 1 to ${MAX_STATE_NAME} characters long.`,
        stateLocation,
      );
    }
    if (!isObject(state)) {
      out.error('SCHEMA_VALIDATION_FAILED', 'A state must be a JSON object.', stateLocation);
      continue;
    }
    validateState(out, state, stateLocation, states, language);
  }
  reportUnreachable(out, states, startAt, location);
}

function stateLanguage(
  out: Collector,
  state: Json,
  location: string,
  inherited: QueryLanguage,
): QueryLanguage {
  const own = state['QueryLanguage'];
  if (own === undefined) return inherited;
  if (own !== 'JSONPath' && own !== 'JSONata') {
    out.error(
      'SCHEMA_VALIDATION_FAILED',
      `Unknown QueryLanguage '${String(own)}'.`,
      `${location}/QueryLanguage`,
    );
    return inherited;
  }
  if (inherited === 'JSONata' && own === 'JSONPath') {
    out.error(
      'SCHEMA_VALIDATION_FAILED',
      'A state cannot use JSONPath when the state machine uses JSONata.',
      `${location}/QueryLanguage`,
    );
  }
  return own;
}

function validateState(
  out: Collector,
  state: Json,
  location: string,
  siblings: Json,
  inherited: QueryLanguage,
): void {
  const type = state['Type'];
  if (typeof type !== 'string' || !STATE_TYPES.has(type)) {
    out.error('SCHEMA_VALIDATION_FAILED', `Unknown state type '${String(type)}'.`, `${location}/Type`);
    return;
  }
  const allowed = ALLOWED_FIELDS[type]!;
  for (const field of Object.keys(state)) {
    // Misplaced Next / End are reported by the transition check.
    if (!allowed.has(field) && field !== 'Next' && field !== 'End') {
      out.error(
        'SCHEMA_VALIDATION_FAILED',
        `Field '${field}' is not supported by a ${type} state.`,
        `${location}/${field}`,
      );
    }
  }
  const language = stateLanguage(out, state, location, inherited);
  checkLanguageFields(out, state, location, language);
  checkTransitions(out, state, type, location, siblings);

  if (type === 'Task' && typeof state['Resource'] !== 'string') {
    out.error('SCHEMA_VALIDATION_FAILED', 'These fields are required: [Resource]', location);
  }
  const timeout = state['TimeoutSeconds'];
  const heartbeat = state['HeartbeatSeconds'];
  if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
    out.error(
      'SCHEMA_VALIDATION_FAILED',
      'HeartbeatSeconds must be smaller than TimeoutSeconds.',
      `${location}/HeartbeatSeconds`,
    );
  }
  if (type === 'Wait') {
    const given = WAIT_FIELDS.filter((field) => state[field] !== undefined);
    if (given.length !== 1) {
      out.error(
        'SCHEMA_VALIDATION_FAILED',
        'A Wait state needs exactly one of [Seconds, Timestamp, SecondsPath, TimestampPath].',
        location,
      );
    }
  }
  if (type === 'Fail') {
    if (state['Error'] !== undefined && state['ErrorPath'] !== undefined) {
      out.error('SCHEMA_VALIDATION_FAILED', 'Error and ErrorPath are mutually exclusive.', location);
    }
    if (state['Cause'] !== undefined && state['CausePath'] !== undefined) {
      out.error('SCHEMA_VALIDATION_FAILED', 'Cause and CausePath are mutually exclusive.', location);
    }
  }
  if (type === 'Choice') checkChoice(out, state, location, siblings, language);
  if (type === 'Parallel') {
    const branches = state['Branches'];
    if (!Array.isArray(branches) || branches.length === 0) {
      out.error('SCHEMA_VALIDATION_FAILED', 'These fields are required: [Branches]', location);
    } else {
      branches.forEach((branch, i) => {
        if (isObject(branch)) validateMachine(out, branch, `${location}/Branches[${i}]`, inherited);
      });
    }
  }
  if (type === 'Map') {
    const field = state['ItemProcessor'] !== undefined ? 'ItemProcessor' : 'Iterator';
    const processor = state[field];
    if (!isObject(processor)) {
      out.error('SCHEMA_VALIDATION_FAILED', 'These fields are required: [ItemProcessor]', location);
    } else {
      validateMachine(out, processor, `${location}/${field}`, inherited);
    }
  }
  if (Array.isArray(state['Retry'])) {
    checkErrorLists(out, state['Retry'] as unknown[], `${location}/Retry`);
    checkRetriers(out, state['Retry'] as unknown[], `${location}/Retry`);
  }
  if (Array.isArray(state['Catch'])) {
    checkErrorLists(out, state['Catch'] as unknown[], `${location}/Catch`);
    (state['Catch'] as unknown[]).forEach((catcher, i) => {
      if (isObject(catcher))
        checkTarget(out, catcher['Next'], `${location}/Catch[${i}]/Next`, siblings, true);
    });
  }
  checkExpressions(out, state, location, language);
  if (language === 'JSONPath') checkPaths(out, state, location);
}

const PATH_FIELDS = ['InputPath', 'OutputPath', 'ItemsPath', 'SecondsPath', 'TimestampPath'];

/** JSONPath fields must hold paths; ResultPath must be a plain path into the input. */
function checkPaths(out: Collector, state: Json, location: string): void {
  for (const field of PATH_FIELDS) {
    const value = state[field];
    if (value !== undefined && value !== null && (typeof value !== 'string' || !value.startsWith('$'))) {
      out.error(
        'SCHEMA_VALIDATION_FAILED',
        `The value for the field '${field}' must be a valid JSONPath`,
        `${location}/${field}`,
      );
    }
  }
  const resultPath = state['ResultPath'];
  if (
    resultPath !== undefined &&
    resultPath !== null &&
    (typeof resultPath !== 'string' || !parseSimplePath(resultPath))
  ) {
    out.error(
      'SCHEMA_VALIDATION_FAILED',
      "The value for the field 'ResultPath' must be a valid reference path",
      `${location}/ResultPath`,
    );
  }
}

function checkLanguageFields(out: Collector, state: Json, location: string, language: QueryLanguage): void {
  const forbidden = language === 'JSONata' ? JSONPATH_ONLY_FIELDS : JSONATA_ONLY_FIELDS;
  for (const field of forbidden) {
    if (state[field] !== undefined) {
      out.error(
        'SCHEMA_VALIDATION_FAILED',
        `The field '${field}' is not supported for the ${language} query language.`,
        `${location}/${field}`,
      );
    }
  }
}

function checkTransitions(out: Collector, state: Json, type: string, location: string, siblings: Json): void {
  const hasNext = state['Next'] !== undefined;
  const isEnd = state['End'] === true;
  if (NEEDS_TRANSITION.has(type)) {
    if (hasNext === isEnd) {
      out.error('SCHEMA_VALIDATION_FAILED', "Exactly one of 'Next' or 'End' is required.", location);
    }
    if (hasNext) checkTarget(out, state['Next'], `${location}/Next`, siblings, true);
  } else if (hasNext || state['End'] !== undefined) {
    out.error('SCHEMA_VALIDATION_FAILED', `A ${type} state cannot have 'Next' or 'End'.`, location);
  }
}

function checkTarget(
  out: Collector,
  target: unknown,
  location: string,
  siblings: Json,
  required: boolean,
): void {
  if (target === undefined && !required) return;
  if (typeof target !== 'string' || !(target in siblings)) {
    out.error('MISSING_TRANSITION_TARGET', `Missing 'Next' target: ${String(target)}`, location);
  }
}

function checkChoice(
  out: Collector,
  state: Json,
  location: string,
  siblings: Json,
  language: QueryLanguage,
): void {
  const choices = state['Choices'];
  if (!Array.isArray(choices) || choices.length === 0) {
    out.error('SCHEMA_VALIDATION_FAILED', 'These fields are required: [Choices]', location);
    return;
  }
  choices.forEach((rule, i) => {
    const ruleLocation = `${location}/Choices[${i}]`;
    if (!isObject(rule)) return;
    checkTarget(out, rule['Next'], `${ruleLocation}/Next`, siblings, true);
    if (language === 'JSONata' && rule['Condition'] === undefined) {
      out.error('SCHEMA_VALIDATION_FAILED', 'These fields are required: [Condition]', ruleLocation);
    }
    if (language === 'JSONPath' && rule['Condition'] !== undefined) {
      out.error(
        'SCHEMA_VALIDATION_FAILED',
        "The field 'Condition' is not supported for the JSONPath query language.",
        `${ruleLocation}/Condition`,
      );
    }
  });
  checkTarget(out, state['Default'], `${location}/Default`, siblings, false);
}

function checkErrorLists(out: Collector, entries: unknown[], location: string): void {
  entries.forEach((entry, i) => {
    if (!isObject(entry)) return;
    const errors = entry['ErrorEquals'];
    if (!Array.isArray(errors) || errors.length === 0) {
      out.error('SCHEMA_VALIDATION_FAILED', 'These fields are required: [ErrorEquals]', `${location}[${i}]`);
      return;
    }
    if (errors.includes('States.ALL') && (errors.length > 1 || i !== entries.length - 1)) {
      out.error(
        'SCHEMA_VALIDATION_FAILED',
        'States.ALL must appear alone and in the last retrier or catcher.',
        `${location}[${i}]/ErrorEquals`,
      );
    }
  });
}

/** Retrier bounds as AWS enforces them. */
function checkRetriers(out: Collector, retriers: unknown[], location: string): void {
  const rules: [string, (value: number) => boolean, string][] = [
    ['IntervalSeconds', (v) => Number.isInteger(v) && v >= 1, 'a positive integer'],
    ['MaxAttempts', (v) => Number.isInteger(v) && v >= 0, 'a non-negative integer'],
    ['BackoffRate', (v) => v >= 1, 'at least 1.0'],
    ['MaxDelaySeconds', (v) => Number.isInteger(v) && v >= 1, 'a positive integer'],
  ];
  retriers.forEach((retrier, i) => {
    if (!isObject(retrier)) return;
    for (const [field, valid, expected] of rules) {
      const value = retrier[field];
      if (value !== undefined && (typeof value !== 'number' || !valid(value))) {
        out.error('SCHEMA_VALIDATION_FAILED', `${field} must be ${expected}.`, `${location}[${i}]/${field}`);
      }
    }
    const jitter = retrier['JitterStrategy'];
    if (jitter !== undefined && jitter !== 'FULL' && jitter !== 'NONE') {
      out.error(
        'SCHEMA_VALIDATION_FAILED',
        'JitterStrategy must be FULL or NONE.',
        `${location}[${i}]/JitterStrategy`,
      );
    }
  });
}

/** Compiles every `{% %}` expression and parses every intrinsic call once, reporting syntax errors. */
function checkExpressions(out: Collector, value: unknown, location: string, language: QueryLanguage): void {
  if (typeof value === 'string') {
    const expression = language === 'JSONata' ? templateExpression(value) : null;
    if (expression !== null) {
      try {
        compileExpression(expression);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        out.error(
          'SCHEMA_VALIDATION_FAILED',
          `Invalid JSONata expression '${expression}': ${detail}`,
          location,
        );
      }
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      checkExpressions(out, item, `${location}[${i}]`, language);
    });
    return;
  }
  if (!isObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    // Nested machines are checked on their own; a Pass state's Result is a literal, `.$` keys included.
    if (
      key === 'States' ||
      key === 'Branches' ||
      key === 'ItemProcessor' ||
      key === 'Iterator' ||
      key === 'Result'
    ) {
      continue;
    }
    if (
      language === 'JSONPath' &&
      key.endsWith('.$') &&
      (typeof item !== 'string' || !item.startsWith('$'))
    ) {
      if (typeof item !== 'string' || !isIntrinsicCall(item)) {
        out.error(
          'SCHEMA_VALIDATION_FAILED',
          `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`,
          `${location}/${key}`,
        );
      }
    }
    if (language === 'JSONPath' && key.endsWith('.$') && typeof item === 'string' && isIntrinsicCall(item)) {
      try {
        parseIntrinsic(item);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        out.error('SCHEMA_VALIDATION_FAILED', `Invalid intrinsic function: ${detail}`, `${location}/${key}`);
      }
    }
    checkExpressions(out, item, `${location}/${key}`, language);
  }
}

function reportUnreachable(out: Collector, states: Json, startAt: unknown, location: string): void {
  if (typeof startAt !== 'string' || !(startAt in states)) return;
  const reached = new Set<string>();
  const pending = [startAt];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (reached.has(name) || !(name in states)) continue;
    reached.add(name);
    const state = states[name];
    if (!isObject(state)) continue;
    for (const target of transitionsOf(state)) pending.push(target);
  }
  for (const name of Object.keys(states)) {
    if (!reached.has(name)) {
      out.error('UNREACHABLE_STATE', `State '${name}' is not reachable.`, `${location}/States/${name}`);
    }
  }
}

function transitionsOf(state: Json): string[] {
  const targets: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === 'string') targets.push(value);
  };
  add(state['Next']);
  add(state['Default']);
  for (const list of [state['Choices'], state['Catch']]) {
    if (Array.isArray(list)) for (const entry of list) if (isObject(entry)) add(entry['Next']);
  }
  return targets;
}
