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
  for (let i = 1; i < steps.length; i++) {
    if (!isPlainObject(value) || !Object.hasOwn(value, steps[i]!)) return NOT_PLAIN;
    value = value[steps[i]!];
  }
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : NOT_PLAIN;
  return isPlainObject(value) ? value : NOT_PLAIN;
}
