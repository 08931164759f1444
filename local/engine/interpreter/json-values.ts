/** JSON value helpers shared by the interpreter. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (Array.isArray(b)) return false;
  const aKeys = Object.keys(a as JsonObject);
  const bObject = b as JsonObject;
  if (aKeys.length !== Object.keys(bObject).length) return false;
  return aKeys.every((key) => Object.hasOwn(bObject, key) && deepEqual((a as JsonObject)[key], bObject[key]));
}

export const PAYLOAD_LIMIT_BYTES = 256 * 1024;

/** Whether a value serialized as Step Functions does exceeds the 256 KiB payload limit. */
export function exceedsPayloadLimit(value: unknown): boolean {
  return textExceedsPayloadLimit(JSON.stringify(value) ?? '');
}

export function textExceedsPayloadLimit(text: string): boolean {
  // A string of n UTF-16 units takes at most 3n UTF-8 bytes: most payloads need no byte count.
  if (text.length * 3 <= PAYLOAD_LIMIT_BYTES) return false;
  return Buffer.byteLength(text, 'utf8') > PAYLOAD_LIMIT_BYTES;
}

/** JSON type names as AWS reports them in errors. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
