/**
 * commons' deepMerge (lib/esm/deepMerge.js), which the Logger uses for keys and for each line:
 * plain objects and arrays are merged and copied, everything else is taken by reference, an
 * undefined source value only fills a missing one, `__proto__`/`constructor` are skipped, and a
 * source that contains itself is not followed.
 */
type Plain = Record<string, unknown>;

const UNSAFE_KEYS = ['__proto__', 'constructor'];

const isPlain = (value: unknown): value is Plain => {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** A value to leave out: an array that contains itself. */
const SKIP = Symbol('skip');

function copyOf(item: unknown, ancestors: unknown[]): unknown {
  if (!isPlain(item) && !Array.isArray(item)) return item;
  if (Array.isArray(item) && ancestors.includes(item)) return SKIP;
  const copy: Plain | unknown[] = Array.isArray(item) ? [] : {};
  ancestors.push(item);
  if (Array.isArray(item)) mergeItems(copy as unknown[], item, ancestors);
  else mergeInto(copy as Plain, item, ancestors);
  ancestors.pop();
  return copy;
}

function mergeItems(target: unknown[], source: unknown[], ancestors: unknown[]): void {
  // An index loop, not forEach: holes in a sparse array are visited too.
  for (let index = 0; index < source.length; index++) {
    const item = source[index];
    const current = target[index];
    if (isPlain(item)) {
      if (ancestors.includes(item)) continue;
      if (isPlain(current)) {
        ancestors.push(item);
        mergeInto(current, item, ancestors);
        ancestors.pop();
        continue;
      }
    }
    if (Array.isArray(item) && Array.isArray(current)) {
      if (!ancestors.includes(item)) {
        ancestors.push(item);
        mergeItems(current, item, ancestors);
        ancestors.pop();
      }
      continue;
    }
    if (item !== undefined || current === undefined) {
      const copied = copyOf(item, ancestors);
      if (copied !== SKIP) target[index] = copied;
    }
  }
}

function mergeInto(target: Plain, source: Plain, ancestors: unknown[]): void {
  for (const key of Object.keys(source)) {
    if (UNSAFE_KEYS.includes(key)) continue;
    const value = source[key];
    const current = target[key];
    if (Array.isArray(value) || isPlain(value)) {
      if (ancestors.includes(value)) continue;
      ancestors.push(value);
      if (Array.isArray(value)) {
        const into = Array.isArray(current) ? current : [];
        mergeItems(into, value, ancestors);
        target[key] = into;
      } else if (isPlain(current)) {
        mergeInto(current, value, ancestors);
      } else {
        const into: Plain = {};
        mergeInto(into, value, ancestors);
        target[key] = into;
      }
      ancestors.pop();
      continue;
    }
    if (value !== undefined || current === undefined) target[key] = value;
  }
}

export function deepMerge<T extends Plain>(target: T, ...sources: (Plain | null | undefined)[]): T {
  const ancestors: unknown[] = [target];
  for (const source of sources) {
    if (source == null) continue;
    ancestors.push(source);
    mergeInto(target, source, ancestors);
    ancestors.pop();
  }
  return target;
}
