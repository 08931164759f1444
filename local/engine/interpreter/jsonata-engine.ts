import { createHash } from 'node:crypto';
import jsonata from 'jsonata';
import { StatesError } from './errors.ts';
import { isObject, jsonTypeName } from './json-values.ts';
import {
  DEFERRED_CONTEXT,
  type DeferredContext,
  evaluatePlainExpression,
  evaluatePlainTemplate,
  NOT_PLAIN,
} from './jsonata-plain.ts';

/**
 * JSONata as Step Functions runs it: `{% expression %}` strings anywhere in a field's value,
 * `$states` and the variables bound, and AWS's extra functions. Expressions are compiled once per
 * process and cached by their text: definitions are re-run far more often than they change.
 */

type Expression = ReturnType<typeof jsonata>;

const compiled = new Map<string, Expression>();

export function compileExpression(text: string): Expression {
  let expression = compiled.get(text);
  if (!expression) {
    expression = jsonata(text);
    // Bound once here rather than with every evaluation's variables, which still shadow them.
    for (const name of Object.keys(AWS_JSONATA_FUNCTIONS))
      expression.assign(name, AWS_JSONATA_FUNCTIONS[name]);
    compiled.set(text, expression);
  }
  return expression;
}

const TEMPLATE = /^\{%(.*)%\}$/s;

const templates = new Map<string, string | null>();

/** The expression inside `{% ... %}`, or null when the string is a plain literal. */
export function templateExpression(value: string): string | null {
  let expression = templates.get(value);
  if (expression === undefined) {
    const match = TEMPLATE.exec(value);
    expression = match ? match[1]!.trim() : null;
    // Field values come from definitions, so they are few; the bound keeps dynamic ones from piling up.
    if (templates.size < 10_000) templates.set(value, expression);
  }
  return expression;
}

/** Where an evaluation happens, for AWS's error prefix ("An error occurred while executing the state 'X' ..."). */
export const ERROR_PREFIX = Symbol('errorPrefix');

/**
 * Set on the bindings of a state in the root branch: plain expressions may skip the library there (see
 * jsonata-plain.ts). Elsewhere they may not, as branches that run side by side interleave their
 * events by the turns their evaluations take (see runsAlone).
 */
export const PLAIN_EXPRESSIONS = Symbol('plainExpressions');

/** What every evaluation binds besides the variables: `$states` and the effectful functions. */
export interface JsonataBindings {
  [name: string]: unknown;
  [ERROR_PREFIX]?: string;
  [PLAIN_EXPRESSIONS]?: boolean;
  [DEFERRED_CONTEXT]?: DeferredContext;
}

const HASH_ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function queryError(message: string, bindings?: JsonataBindings): StatesError {
  const prefix = bindings?.[ERROR_PREFIX];
  return new StatesError('States.QueryEvaluationError', prefix ? `${prefix} ${message}` : message);
}

/** AWS's pure additions to JSONata; `$uuid`, `$random` and `$now` are bound per evaluation. */
export const AWS_JSONATA_FUNCTIONS: JsonataBindings = {
  partition(array: unknown, size: unknown): unknown[] {
    if (!Array.isArray(array)) throw queryError('$partition expects an array');
    if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) {
      throw queryError('$partition expects a positive integer size');
    }
    const chunks: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
    return chunks;
  },
  /** A one-item range is a JSONata singleton sequence: AWS returns the item itself. */
  range(start: unknown, end: unknown, step: unknown): number[] | number {
    if (typeof start !== 'number' || typeof end !== 'number' || typeof step !== 'number' || step === 0) {
      throw queryError('$range expects numbers and a non-zero step');
    }
    const values: number[] = [];
    for (let value = start; step > 0 ? value <= end : value >= end; value += step) {
      values.push(value);
      if (values.length > 1000) throw queryError('$range cannot produce more than 1000 items');
    }
    return values.length === 1 ? values[0]! : values;
  },
  hash(data: unknown, algorithm: unknown): string {
    if (typeof data !== 'string') throw queryError('$hash expects a string');
    const name = HASH_ALGORITHMS[String(algorithm ?? 'SHA-256')];
    if (!name) throw queryError(`$hash algorithm is not supported: ${String(algorithm)}`);
    return createHash(name).update(data).digest('hex');
  },
  parse(text: unknown): unknown {
    if (typeof text !== 'string') throw queryError('$parse expects a string');
    try {
      return JSON.parse(text);
    } catch {
      throw queryError(`$parse cannot parse: ${text}`);
    }
  },
};

export async function evaluateExpression(
  text: string,
  bindings: JsonataBindings,
  field: string,
): Promise<unknown> {
  if (bindings[PLAIN_EXPRESSIONS]) {
    const plain = evaluatePlainExpression(text, bindings);
    if (plain !== NOT_PLAIN) return plain;
  }
  // The library reads `$states.context` as any object: it must be there.
  bindings[DEFERRED_CONTEXT]?.build();
  let expression: Expression;
  try {
    expression = compileExpression(text);
  } catch (error) {
    throw queryError(
      `The JSONata expression '${text}' specified for the field '${field}' is invalid: ${describe(error)}`,
      bindings,
    );
  }
  let result: unknown;
  try {
    result = await expression.evaluate(
      (bindings['states'] as { input?: unknown } | undefined)?.input,
      bindings,
    );
  } catch (error) {
    if (error instanceof StatesError) {
      const prefix = bindings[ERROR_PREFIX];
      throw prefix ? new StatesError(error.error, `${prefix} ${error.causeText ?? ''}`) : error;
    }
    throw queryError(
      `An error occurred while evaluating the JSONata expression '${text}' specified for the field '${field}': ${describe(error)}`,
      bindings,
    );
  }
  if (result === undefined) {
    throw queryError(
      `The JSONata expression '${text}' specified for the field '${field}' returned nothing (undefined).`,
      bindings,
    );
  }
  return normalize(result);
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error)
    return String((error as { message: unknown }).message);
  return String(error);
}

/**
 * A JSONata sequence is an array with marker properties, harmless to JSON but not to deep
 * equality: the top-level one becomes a plain array. Nested values are left as they are, since a
 * deep copy of every result would cost more than it is worth (JSON serialization ignores them).
 */
function normalize(value: unknown): unknown {
  if (Array.isArray(value) && Object.hasOwn(value, 'sequence')) return Array.from(value);
  return value;
}

/**
 * Evaluates a field's value: `{% %}` strings are expressions, objects and arrays are walked,
 * anything else is a literal. `field` names the field for errors (`Output/result`).
 */
export async function evaluateTemplate(
  value: unknown,
  bindings: JsonataBindings,
  field: string,
): Promise<unknown> {
  if (bindings[PLAIN_EXPRESSIONS]) {
    const plain = evaluatePlainTemplate(value, bindings, templateExpression);
    if (plain !== NOT_PLAIN) return plain;
  }
  return evaluateEachExpression(value, bindings, field);
}

async function evaluateEachExpression(
  value: unknown,
  bindings: JsonataBindings,
  field: string,
): Promise<unknown> {
  if (typeof value === 'string') {
    const expression = templateExpression(value);
    return expression === null ? value : evaluateExpression(expression, bindings, field);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++)
      out.push(await evaluateEachExpression(value[i], bindings, `${field}[${i}]`));
    return out;
  }
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value))
      out[key] = await evaluateEachExpression(value[key], bindings, `${field}/${key}`);
    return out;
  }
  return value;
}

/** `Expected 'array', but was 'boolean'` errors for fields that need a given type. */
export function expectType(
  value: unknown,
  type: string,
  text: string,
  field: string,
  bindings: JsonataBindings,
): void {
  if (jsonTypeName(value) !== type) {
    throw queryError(
      `The JSONata expression '${text}' specified for the field '${field}' returned an unexpected result type. Expected '${type}', but was '${jsonTypeName(value)}' for value: ${JSON.stringify(value)}`,
      bindings,
    );
  }
}
