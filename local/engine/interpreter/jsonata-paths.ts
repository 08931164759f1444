/**
 * A shortcut for the commonest JSONata expression in workflows: a variable or `$states` followed
 * by field names (`$householdId`, `$states.input.caseId`, `$states.result.Payload.status`). The
 * jsonata library evaluates every step asynchronously, which costs microseconds per expression;
 * these need none of it. The shortcut answers only when the walk meets plain objects all the way
 * and ends on a JSON scalar or a plain object, where JSONata's answer is the same value; anywhere
 * else (arrays and their sequence rules, a missing field, a function, a number out of range) it
 * steps aside and the library evaluates the expression as before.
 */

/** Returned when the expression is not a plain path or the walk left plain JSON. */
export const NOT_PLAIN = Symbol('notPlain');

const PLAIN_PATH = /^\$[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Words JSONata reads as operators or literals, not field names. */
const KEYWORDS = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'function']);

const parsedPaths = new Map<string, string[] | null>();

/** `$states.input.caseId` → `['states', 'input', 'caseId']`; null for any other expression. */
function plainPath(text: string): string[] | null {
  let steps = parsedPaths.get(text);
  if (steps === undefined) {
    steps = PLAIN_PATH.test(text) ? text.slice(1).split('.') : null;
    if (steps?.some((step) => KEYWORDS.has(step))) steps = null;
    // Expressions come from definitions, so they are few; the bound keeps dynamic ones from piling up.
    if (parsedPaths.size < 10_000) parsedPaths.set(text, steps);
  }
  return steps;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function evaluatePlainPath(text: string, bindings: Record<string, unknown>): unknown {
  const steps = plainPath(text);
  if (!steps || !Object.hasOwn(bindings, steps[0]!)) return NOT_PLAIN;
  let value = bindings[steps[0]!];
  try {
    for (let i = 1; i < steps.length; i++) {
      if (!isPlainObject(value) || !Object.hasOwn(value, steps[i]!)) return NOT_PLAIN;
      value = value[steps[i]!];
    }
  } catch {
    // A getter that throws (the journaled `State.EnteredTime`): the library reports it its own way.
    return NOT_PLAIN;
  }
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : NOT_PLAIN;
  return isPlainObject(value) ? value : NOT_PLAIN;
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
  bindings: Record<string, unknown>,
  expressionOf: (text: string) => string | null,
): unknown {
  if (typeof value === 'string') {
    const expression = expressionOf(value);
    return expression === null ? value : evaluatePlainPath(expression, bindings);
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
