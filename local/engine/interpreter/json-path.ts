import { JSONPath } from 'jsonpath-plus';

/**
 * JSONPath as Step Functions evaluates it: a definite path (`$.a.b[0]`) yields one value or
 * fails; an indefinite one (wildcard, slice, filter, recursive descent, union) yields an array,
 * `[]` when nothing matches. Simple paths, by far the most common, skip jsonpath-plus.
 */

export type PathSegment = string | number;

export class PathNotFoundError extends Error {
  readonly path: string;
  constructor(path: string) {
    // Thrown and caught as the answer to "is it there" (Choice IsPresent) and turned into a
    // workflow error otherwise: its stack is never shown, and capturing one cost microseconds.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`No results for path: ${path}`);
    Error.stackTraceLimit = stackTraceLimit;
    this.path = path;
    this.name = 'PathNotFoundError';
  }
}

const simpleCache = new Map<string, PathSegment[] | null>();

/** Parses `$.a['b'][0]` into segments; null when the path needs the full JSONPath engine. */
export function parseSimplePath(path: string): PathSegment[] | null {
  const cached = simpleCache.get(path);
  if (cached !== undefined) return cached;
  const parsed = parseSimple(path);
  simpleCache.set(path, parsed);
  return parsed;
}

function parseSimple(path: string): PathSegment[] | null {
  if (!path.startsWith('$')) return null;
  const segments: PathSegment[] = [];
  let i = 1;
  while (i < path.length) {
    const char = path[i];
    if (char === '.') {
      if (path[i + 1] === '.') return null;
      let end = i + 1;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end++;
      const name = path.slice(i + 1, end);
      if (name === '' || name === '*' || name.endsWith(')')) return null;
      segments.push(name);
      i = end;
    } else if (char === '[') {
      const quote = path[i + 1];
      if (quote === "'" || quote === '"') {
        const close = path.indexOf(`${quote}]`, i + 2);
        if (close < 0) return null;
        const name = path.slice(i + 2, close);
        if (name.includes(quote) || name.includes('\\')) return null;
        segments.push(name);
        i = close + 2;
      } else {
        const close = path.indexOf(']', i);
        if (close < 0) return null;
        const inner = path.slice(i + 1, close);
        if (!/^\d+$/.test(inner)) return null;
        segments.push(Number(inner));
        i = close + 1;
      }
    } else {
      return null;
    }
  }
  return segments;
}

/** Whether a path always designates at most one value (no wildcard, slice, filter, union, `..`). */
export function isDefinitePath(path: string): boolean {
  if (parseSimplePath(path)) return true;
  return !/\*|\.\.|\?\(|\[[^\]]*[:,][^\]]*\]/.test(path);
}

/** Evaluates `path` (starting with `$`) against `root`. Throws PathNotFoundError for a definite path with no match. */
export function evaluatePath(path: string, root: unknown): unknown {
  const segments = parseSimplePath(path);
  if (segments) return walk(segments, root, path);
  const matches = JSONPath({ path, json: root as object, wrap: true, eval: 'safe' }) as unknown[];
  if (isDefinitePath(path)) {
    if (matches.length === 0) throw new PathNotFoundError(bracketPath(path));
    return matches[0];
  }
  return matches;
}

function walk(segments: PathSegment[], root: unknown, path: string): unknown {
  const value = lookup(segments, root);
  if (value === MISSING) throw new PathNotFoundError(bracketPath(path));
  return value;
}

const MISSING = Symbol('missing');

function lookup(segments: PathSegment[], root: unknown): unknown {
  let current: unknown = root;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return MISSING;
      current = current[segment];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return MISSING;
      if (!Object.hasOwn(current, segment)) return MISSING;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

/**
 * Whether a plain path (`$.a.b[0]`) designates a value of `root`, as evaluatePath would answer by
 * returning rather than throwing; undefined for a path that needs the full engine. A Choice
 * `IsPresent` asks this on every evaluation, and an answer thrown and caught costs far more.
 */
export function isPlainPathPresent(path: string, root: unknown): boolean | undefined {
  const segments = parseSimplePath(path);
  return segments ? lookup(segments, root) !== MISSING : undefined;
}

/** AWS reports paths in bracket notation: `$['a']['b'][0]`. */
export function bracketPath(path: string): string {
  const segments = parseSimplePath(path);
  if (!segments) return path;
  return `$${segments.map((s) => (typeof s === 'number' ? `[${s}]` : `['${s}']`)).join('')}`;
}

/**
 * Returns a copy of `target` with `value` placed at the definite `path` (ResultPath), copying only
 * the objects along the way and creating missing ones.
 */
export function setAtPath(target: unknown, path: string, value: unknown): unknown {
  const segments = parseSimplePath(path);
  if (!segments) throw new PathNotFoundError(path);
  return setAt(target, segments, 0, value, path);
}

function setAt(
  target: unknown,
  segments: PathSegment[],
  index: number,
  value: unknown,
  path: string,
): unknown {
  if (index === segments.length) return value;
  const segment = segments[index]!;
  if (typeof segment === 'number') {
    if (!Array.isArray(target) || segment >= target.length) throw new PathNotFoundError(path);
    const copy = target.slice();
    copy[segment] = setAt(target[segment], segments, index + 1, value, path);
    return copy;
  }
  let base: Record<string, unknown>;
  if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
    base = { ...(target as Record<string, unknown>) };
  } else if (target === undefined || index > 0) {
    base = {};
  } else {
    throw new PathNotFoundError(path);
  }
  base[segment] = setAt(base[segment], segments, index + 1, value, path);
  return base;
}
