/**
 * A shortcut for the commonest JSONata expressions in workflows: a variable or `$states`
 * followed by field names (`$householdId`, `$states.result.Payload.status`), strings joined with
 * `&` (`'HH#' & $householdId`) and an `=` or `!=` test of a path against a string
 * (`$states.input.status = 'FAILED'`). The jsonata library evaluates every step asynchronously,
 * which costs microseconds per expression; these need none of it. The shortcut answers only where
 * JSONata's answer is plainly the same: the walk meets plain objects all the way and ends on a
 * JSON scalar or a plain object (a string for `&`, a scalar for `=`). Anywhere else (arrays and
 * their sequence rules, a missing field, a function, a number to format, any other syntax) it
 * steps aside and the library evaluates the expression as before.
 */

/** Returned when the expression is not a plain one or the walk left plain JSON. */
export const NOT_PLAIN = Symbol('notPlain');

/**
 * Set on bindings whose `$states.context` is not built yet (it is `undefined` there): plain paths
 * into it are read through `read`, and `build` puts the object in place before the library runs.
 */
export const DEFERRED_CONTEXT = Symbol('deferredContext');

export interface DeferredContext {
  /** The value at `path[from..]` inside the context object (`State`, `EnteredTime`), or NOT_PLAIN. */
  read(path: readonly string[], from: number): unknown;
  build(): void;
}

type Operand = { literal: string } | { path: string[] };

type PlainExpression =
  | { kind: 'path'; path: string[] }
  | { kind: 'join'; operands: Operand[] }
  | { kind: 'equals'; negated: boolean; left: Operand; right: Operand };

const PATH_TOKEN = /\$[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
const SPACE = /\s/;

/** Words JSONata reads as operators or literals, not field names. */
const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

const parsedExpressions = new Map<string, PlainExpression | null>();

function plainExpression(text: string): PlainExpression | null {
  let parsed = parsedExpressions.get(text);
  if (parsed === undefined) {
    parsed = parse(text);
    // Expressions come from definitions, so they are few; the bound keeps dynamic ones from piling up.
    if (parsedExpressions.size < 10_000) parsedExpressions.set(text, parsed);
  }
  return parsed;
}

/** Operands separated by operators, or null at the first thing that is neither. */
function parse(text: string): PlainExpression | null {
  const operands: Operand[] = [];
  const operators: string[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && SPACE.test(text[i]!)) i++;
  };
  for (;;) {
    skipSpace();
    const operand = readOperand();
    if (!operand) return null;
    operands.push(operand);
    skipSpace();
    if (i === text.length) break;
    const operator = text.startsWith('!=', i) ? '!=' : text[i];
    if (operator !== '&' && operator !== '=' && operator !== '!=') return null;
    operators.push(operator);
    i += operator.length;
  }
  if (operators.length === 0) return 'path' in operands[0]! ? { kind: 'path', path: operands[0].path } : null;
  if (operators.every((operator) => operator === '&')) return { kind: 'join', operands };
  if (operators.length !== 1) return null;
  return { kind: 'equals', negated: operators[0] === '!=', left: operands[0]!, right: operands[1]! };

  function readOperand(): Operand | null {
    const quote = text[i];
    if (quote === "'" || quote === '"') {
      const close = text.indexOf(quote, i + 1);
      if (close < 0) return null;
      const literal = text.slice(i + 1, close);
      // Escapes have rules of their own: left to the library.
      if (literal.includes('\\')) return null;
      i = close + 1;
      return { literal };
    }
    PATH_TOKEN.lastIndex = i;
    const match = PATH_TOKEN.exec(text);
    if (!match) return null;
    const path = match[0].slice(1).split('.');
    if (path.some((step) => KEYWORDS.has(step))) return null;
    i += match[0].length;
    return { path };
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The value at a path, or NOT_PLAIN when the walk leaves plain objects or a field is missing. */
function walk(path: readonly string[], bindings: PlainBindings): unknown {
  if (!Object.hasOwn(bindings, path[0]!)) return NOT_PLAIN;
  const deferred = bindings[DEFERRED_CONTEXT];
  try {
    if (deferred && path[0] === 'states' && (path.length === 1 || path[1] === 'context')) {
      if (path.length > 2) return deferred.read(path, 2);
      // `$states` or `$states.context` itself: the object must be there.
      deferred.build();
    }
    return walkFrom(bindings[path[0]!], path, 1);
  } catch {
    // A getter that throws (the journaled `State.EnteredTime`): the library reports it its own way.
    return NOT_PLAIN;
  }
}

/** The walk from `value` along `path[from..]`: plain objects and own fields only. */
export function walkFrom(value: unknown, path: readonly string[], from: number): unknown {
  let current = value;
  for (let i = from; i < path.length; i++) {
    if (!isPlainObject(current) || !Object.hasOwn(current, path[i]!)) return NOT_PLAIN;
    current = current[path[i]!];
  }
  return current;
}

function isScalar(value: unknown): value is string | number | boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

type PlainBindings = Record<string, unknown> & { [DEFERRED_CONTEXT]?: DeferredContext };

function operandValue(operand: Operand, bindings: PlainBindings): unknown {
  return 'literal' in operand ? operand.literal : walk(operand.path, bindings);
}

export function evaluatePlainExpression(text: string, bindings: PlainBindings): unknown {
  const expression = plainExpression(text);
  if (!expression) return NOT_PLAIN;
  if (expression.kind === 'path') {
    const value = walk(expression.path, bindings);
    return value === null || isScalar(value) || isPlainObject(value) ? value : NOT_PLAIN;
  }
  if (expression.kind === 'join') {
    let joined = '';
    for (const operand of expression.operands) {
      const value = operandValue(operand, bindings);
      if (typeof value !== 'string') return NOT_PLAIN;
      joined += value;
    }
    return joined;
  }
  const left = operandValue(expression.left, bindings);
  const right = operandValue(expression.right, bindings);
  if (!isScalar(left) || !isScalar(right)) return NOT_PLAIN;
  return expression.negated ? left !== right : left === right;
}

/**
 * A field's whole template (`{ "Payload": { "householdId": "{% $householdId %}" } }`) when every
 * expression in it is a plain path: built at once, without a promise per value. NOT_PLAIN as soon
 * as one expression needs the library; the caller then evaluates the template from the start,
 * which reads the same values again (reads have no effect twice: the one journaled getter keeps
 * its first answer).
 */
export function evaluatePlainTemplate(
  value: unknown,
  bindings: PlainBindings,
  expressionOf: (text: string) => string | null,
): unknown {
  if (typeof value === 'string') {
    const expression = expressionOf(value);
    return expression === null ? value : evaluatePlainExpression(expression, bindings);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const evaluated = evaluatePlainTemplate(item, bindings, expressionOf);
      if (evaluated === NOT_PLAIN) return NOT_PLAIN;
      out.push(evaluated);
    }
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const evaluated = evaluatePlainTemplate(
        (value as Record<string, unknown>)[key],
        bindings,
        expressionOf,
      );
      if (evaluated === NOT_PLAIN) return NOT_PLAIN;
      out[key] = evaluated;
    }
    return out;
  }
  return value;
}
