import { createHash } from 'node:crypto';
import { deepEqual } from '../json-values.ts';

/**
 * The intrinsic functions, with the behaviours AWS shows in recorded executions (StringSplit
 * splits on any of the delimiter's characters and drops empty parts; MathAdd rounds each
 * argument; Format renders non-string arguments as JSON).
 */

export class IntrinsicArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntrinsicArgumentError';
  }
}

export interface IntrinsicEnvironment {
  uuid(): string;
}

type IntrinsicImplementation = (args: unknown[], env: IntrinsicEnvironment) => unknown;

const MAX_ARRAY_RANGE = 1000;
const HASH_ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function expectCount(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    throw new IntrinsicArgumentError(
      `Function ${name} expects ${min === max ? min : `${min}-${max}`} arguments`,
    );
  }
}

function expectString(name: string, value: unknown): string {
  if (typeof value !== 'string')
    throw new IntrinsicArgumentError(`Function ${name} expects a string argument`);
  return value;
}

function expectNumber(name: string, value: unknown): number {
  if (typeof value !== 'number')
    throw new IntrinsicArgumentError(`Function ${name} expects a number argument`);
  return value;
}

function expectInteger(name: string, value: unknown): number {
  const number = expectNumber(name, value);
  if (!Number.isInteger(number))
    throw new IntrinsicArgumentError(`Function ${name} expects an integer argument`);
  return number;
}

function expectArray(name: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new IntrinsicArgumentError(`Function ${name} expects an array argument`);
  return value;
}

function expectObject(name: string, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new IntrinsicArgumentError(`Function ${name} expects an object argument`);
  }
  return value as Record<string, unknown>;
}

function formatArgument(value: unknown): string {
  if (typeof value === 'string') return value;
  return javaString(value);
}

/** AWS renders objects and arrays in States.Format as Java's toString does: `{a=1, b=[x, y]}`. */
function javaString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}=${javaString(item)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

function format(args: unknown[]): string {
  const template = expectString('States.Format', args[0]);
  let next = 1;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const char = template[i];
    if (char === '\\' && (template[i + 1] === '{' || template[i + 1] === '}' || template[i + 1] === '\\')) {
      out += template[i + 1];
      i++;
    } else if (char === '{' && template[i + 1] === '}') {
      if (next >= args.length)
        throw new IntrinsicArgumentError('States.Format has more placeholders than arguments');
      out += formatArgument(args[next++]);
      i++;
    } else {
      out += char;
    }
  }
  if (next !== args.length)
    throw new IntrinsicArgumentError('States.Format has more arguments than placeholders');
  return out;
}

function stringSplit(args: unknown[]): string[] {
  expectCount('States.StringSplit', args, 2);
  const text = expectString('States.StringSplit', args[0]);
  const delimiters = new Set(expectString('States.StringSplit', args[1]));
  const parts: string[] = [];
  let current = '';
  for (const char of text) {
    if (delimiters.has(char)) {
      if (current !== '') parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current !== '') parts.push(current);
  return parts;
}

function arrayRange(args: unknown[]): number[] {
  expectCount('States.ArrayRange', args, 3);
  const start = expectInteger('States.ArrayRange', args[0]);
  const end = expectInteger('States.ArrayRange', args[1]);
  const step = expectInteger('States.ArrayRange', args[2]);
  if (step === 0) throw new IntrinsicArgumentError('States.ArrayRange step cannot be 0');
  const values: number[] = [];
  for (let value = start; step > 0 ? value <= end : value >= end; value += step) {
    values.push(value);
    if (values.length > MAX_ARRAY_RANGE) {
      throw new IntrinsicArgumentError(`States.ArrayRange cannot produce more than ${MAX_ARRAY_RANGE} items`);
    }
  }
  return values;
}

function arrayUnique(args: unknown[]): unknown[] {
  expectCount('States.ArrayUnique', args, 1);
  const unique: unknown[] = [];
  const seen = new Set<string>();
  for (const item of expectArray('States.ArrayUnique', args[0])) {
    // One canonical key per JSON value keeps this linear on the large arrays Map states produce.
    const key = canonicalKey(item);
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(item);
    }
  }
  return unique;
}

function canonicalKey(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(item).sort()) sorted[key] = (item as Record<string, unknown>)[key];
    return sorted;
  });
}

function hash(args: unknown[]): string {
  expectCount('States.Hash', args, 2);
  const data = args[0];
  if (data === null || data === undefined)
    throw new IntrinsicArgumentError('States.Hash data cannot be null');
  const algorithm = HASH_ALGORITHMS[expectString('States.Hash', args[1])];
  if (!algorithm)
    throw new IntrinsicArgumentError(`States.Hash algorithm is not supported: ${String(args[1])}`);
  return createHash(algorithm)
    .update(typeof data === 'string' ? data : JSON.stringify(data))
    .digest('hex');
}

function mathRandom(args: unknown[]): number {
  expectCount('States.MathRandom', args, 2, 3);
  const start = expectInteger('States.MathRandom', args[0]);
  const end = expectInteger('States.MathRandom', args[1]);
  if (args.length === 3) {
    // A seeded call is deterministic on AWS; a small LCG keeps it deterministic here too.
    const seed = expectInteger('States.MathRandom', args[2]);
    const next = (Math.imul(seed ^ 0x5deece66d, 1103515245) + 12345) >>> 0;
    return start + (next % Math.max(1, end - start));
  }
  return start + Math.floor(Math.random() * (end - start));
}

export const INTRINSICS: Record<string, IntrinsicImplementation> = {
  'States.Format': (args) => format(args),
  'States.StringToJson': (args) => {
    expectCount('States.StringToJson', args, 1);
    const text = expectString('States.StringToJson', args[0]);
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text);
    } catch {
      throw new IntrinsicArgumentError(`States.StringToJson cannot parse: ${text}`);
    }
  },
  'States.JsonToString': (args) => {
    expectCount('States.JsonToString', args, 1);
    return JSON.stringify(args[0]);
  },
  'States.Array': (args) => args,
  'States.ArrayPartition': (args) => {
    expectCount('States.ArrayPartition', args, 2);
    const array = expectArray('States.ArrayPartition', args[0]);
    const size = expectInteger('States.ArrayPartition', args[1]);
    if (size <= 0) throw new IntrinsicArgumentError('States.ArrayPartition chunk size must be positive');
    const chunks: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
    return chunks;
  },
  'States.ArrayContains': (args) => {
    expectCount('States.ArrayContains', args, 2);
    return expectArray('States.ArrayContains', args[0]).some((item) => deepEqual(item, args[1]));
  },
  'States.ArrayRange': (args) => arrayRange(args),
  'States.ArrayGetItem': (args) => {
    expectCount('States.ArrayGetItem', args, 2);
    const array = expectArray('States.ArrayGetItem', args[0]);
    const index = expectInteger('States.ArrayGetItem', args[1]);
    if (index < 0 || index >= array.length)
      throw new IntrinsicArgumentError('States.ArrayGetItem index out of bounds');
    return array[index];
  },
  'States.ArrayLength': (args) => {
    expectCount('States.ArrayLength', args, 1);
    return expectArray('States.ArrayLength', args[0]).length;
  },
  'States.ArrayUnique': (args) => arrayUnique(args),
  'States.Base64Encode': (args) => {
    expectCount('States.Base64Encode', args, 1);
    return Buffer.from(expectString('States.Base64Encode', args[0]), 'utf8').toString('base64');
  },
  'States.Base64Decode': (args) => {
    expectCount('States.Base64Decode', args, 1);
    return Buffer.from(expectString('States.Base64Decode', args[0]), 'base64').toString('utf8');
  },
  'States.Hash': (args) => hash(args),
  'States.JsonMerge': (args) => {
    expectCount('States.JsonMerge', args, 3);
    if (args[2] !== false)
      throw new IntrinsicArgumentError('States.JsonMerge supports only a shallow merge (false)');
    return { ...expectObject('States.JsonMerge', args[0]), ...expectObject('States.JsonMerge', args[1]) };
  },
  'States.MathRandom': (args) => mathRandom(args),
  'States.MathAdd': (args) => {
    expectCount('States.MathAdd', args, 2);
    return (
      Math.round(expectNumber('States.MathAdd', args[0])) +
      Math.round(expectNumber('States.MathAdd', args[1]))
    );
  },
  'States.StringSplit': (args) => stringSplit(args),
  'States.UUID': (args, env) => {
    expectCount('States.UUID', args, 0);
    return env.uuid();
  },
};
