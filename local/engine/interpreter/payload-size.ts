/**
 * The 256 KiB payload limit (state input and output, task parameters, assigned variables),
 * measured on the value as Step Functions serializes it.
 */

export const PAYLOAD_LIMIT_BYTES = 256 * 1024;

/** A bound the walk below cannot give: the value is measured by serializing it. */
const UNBOUNDED = Number.POSITIVE_INFINITY;

/** Deeper values are measured by serializing them (which also reports a cycle as JSON.stringify does). */
const MAX_WALK_DEPTH = 64;

/**
 * Whether `value` serialized as JSON exceeds the limit. A lean run needs no text of its states'
 * outputs, only this answer: a walk that bounds the size from above answers for almost every
 * payload without building a string (several times cheaper than JSON.stringify, and no garbage);
 * only a payload whose bound passes the limit, or one the walk cannot bound, is serialized.
 */
export function exceedsPayloadLimit(value: unknown): boolean {
  if (serializedSizeBound(value, 0) <= PAYLOAD_LIMIT_BYTES) return false;
  return textExceedsPayloadLimit(JSON.stringify(value) ?? 'null');
}

export function textExceedsPayloadLimit(text: string): boolean {
  // A string of n UTF-16 units takes at most 3n UTF-8 bytes: most payloads need no byte count.
  if (text.length * 3 <= PAYLOAD_LIMIT_BYTES) return false;
  return Buffer.byteLength(text, 'utf8') > PAYLOAD_LIMIT_BYTES;
}

/**
 * An upper bound of the UTF-8 bytes of `JSON.stringify(value)` for plain JSON data (objects whose
 * prototype is Object's or none, arrays, strings, numbers, booleans, null), or UNBOUNDED for
 * anything JSON.stringify treats specially (toJSON, boxed primitives, class instances, BigInt)
 * and past the limit. A UTF-16 unit takes at most 6 bytes (`\u001f`); any other primitive at
 * most 25 (`-0.0000012345678901234567`); a member whose value JSON.stringify drops (undefined, a
 * function) is still counted, and so would be an enumerable key inherited from Object.prototype.
 */
export function serializedSizeBound(value: unknown, depth: number): number {
  if (typeof value === 'string') return value.length * 6 + 2;
  if (typeof value !== 'object' || value === null) return typeof value === 'bigint' ? UNBOUNDED : 25;
  if (depth >= MAX_WALK_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return UNBOUNDED;
  }
  return Array.isArray(value) ? arraySizeBound(value, depth) : objectSizeBound(value, depth);
}

function arraySizeBound(array: unknown[], depth: number): number {
  let size = 2;
  for (let i = 0; i < array.length; i++) {
    size += serializedSizeBound(array[i], depth + 1) + 1;
    if (size > PAYLOAD_LIMIT_BYTES) return UNBOUNDED;
  }
  return size;
}

function objectSizeBound(object: object, depth: number): number {
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) return UNBOUNDED;
  let size = 2;
  // for-in allocates nothing, unlike Object.keys; it would only add keys inherited from a
  // polluted Object.prototype, which over-counts (the bound stays a bound).
  for (const key in object) {
    // `"key":value,` with every unit of the key escaped at worst.
    size += key.length * 6 + 4 + serializedSizeBound((object as Record<string, unknown>)[key], depth + 1);
    if (size > PAYLOAD_LIMIT_BYTES) return UNBOUNDED;
  }
  return size;
}
