/**
 * Stands in for `@aws-sdk/util-dynamodb` in the Lambda bundles (an esbuild alias set by
 * AppFunction; the type checker, unit tests and local tools keep the real package): `marshall`,
 * `unmarshall`, `convertToAttr`, `convertToNative` and `NumberValueImpl` with every option, the same
 * conversions, order and errors as the package (dist-es/*.js), written tighter.
 *
 * Why: the document client stand-in and idempotency marshal through it; the package is ≈ 5.5 KB of
 * every DynamoDB bundle (bench/bundle-pieces.ts), in a 128 KB budget (issue 11).
 * test/unit/bundling/util-dynamodb.test.ts compares both on generated values under every option.
 */

// biome-ignore lint/suspicious/noExplicitAny: the package's own loose JavaScript signatures.
type Any = any;
interface MarshallOptions {
  convertEmptyValues?: boolean;
  removeUndefinedValues?: boolean;
  convertClassInstanceToMap?: boolean;
  convertTopLevelContainer?: boolean;
  allowImpreciseNumbers?: boolean;
}
interface UnmarshallOptions {
  wrapNumbers?: boolean | ((value: string) => unknown);
  convertWithoutMapWrapper?: boolean;
}

const UNDEFINED_ERROR =
  'Pass options.removeUndefinedValues=true to remove undefined values from map/array/set.';
const BINARY_TYPES =
  'ArrayBuffer Blob Buffer DataView File Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array Int32Array Uint32Array Float32Array Float64Array BigInt64Array BigUint64Array'.split(
    ' ',
  );

class NumberValue {
  value: string;
  constructor(value: Any) {
    this.value = typeof value === 'object' && 'N' in value ? String(value.N) : String(value);
    const primitive = typeof value.valueOf() === 'number' ? value.valueOf() : 0;
    if (
      primitive > Number.MAX_SAFE_INTEGER ||
      primitive < Number.MIN_SAFE_INTEGER ||
      Math.abs(primitive) === Number.POSITIVE_INFINITY ||
      Number.isNaN(primitive)
    )
      throw new Error(
        `NumberValue should not be initialized with an imprecise number=${primitive}. Use a string instead.`,
      );
  }
  static from(value: Any): NumberValue {
    return new NumberValue(value);
  }
  toAttributeValue() {
    return { N: this.toString() };
  }
  toBigInt(): bigint {
    return BigInt(this.toString());
  }
  toString(): string {
    return String(this.value);
  }
  valueOf(): string {
    return this.toString();
  }
}

const typeName = (data: Any): string | undefined => data?.constructor?.name;
const isBinary = (data: Any) => (data?.constructor ? BINARY_TYPES.includes(data.constructor.name) : false);
const NULL = () => ({ NULL: true });
const keep = (value: unknown, options?: MarshallOptions) =>
  typeof value !== 'function' && (value !== undefined || !options?.removeUndefinedValues);

function numberAttr(num: Any, options?: MarshallOptions) {
  if (['NaN', 'Infinity', '-Infinity'].includes(num.toString()))
    throw new Error(`Special numeric value ${num.toString()} is not allowed`);
  if (!options?.allowImpreciseNumbers) {
    const side =
      Number(num) > Number.MAX_SAFE_INTEGER
        ? 'greater than Number.MAX_SAFE_INTEGER'
        : Number(num) < Number.MIN_SAFE_INTEGER
          ? 'lesser than Number.MIN_SAFE_INTEGER'
          : undefined;
    if (side)
      throw new Error(`Number ${num.toString()} is ${side}. Use NumberValue from @aws-sdk/lib-dynamodb.`);
  }
  return { N: num.toString() };
}

function mapAttr(entries: Iterable<[string, unknown]>, options?: MarshallOptions) {
  const map: Record<string, unknown> = {};
  for (const [key, value] of entries) if (keep(value, options)) map[key] = convertToAttr(value, options);
  return { M: map };
}

/** Enumerable properties, own and inherited, as the package's `for…in`. */
function* enumerable(data: Any): Generator<[string, unknown]> {
  for (const key in data) yield [key, data[key]];
}

function setAttr(set: Set<unknown>, options?: MarshallOptions) {
  const values = options?.removeUndefinedValues
    ? new Set([...set].filter((value) => value !== undefined))
    : set;
  if (!options?.removeUndefinedValues && values.has(undefined)) throw new Error(UNDEFINED_ERROR);
  if (values.size === 0) {
    if (options?.convertEmptyValues) return NULL();
    throw new Error('Pass a non-empty set, or options.convertEmptyValues=true.');
  }
  const first = values.values().next().value;
  const all = Array.from(values) as Any[];
  if (first instanceof NumberValue) return { NS: all.map((value) => value.toString()) };
  if (typeof first === 'number') return { NS: all.map((value) => numberAttr(value, options).N) };
  if (typeof first === 'bigint') return { NS: all.map((value) => value.toString()) };
  if (typeof first === 'string') return { SS: all.map((value) => value.toString()) };
  if (isBinary(first)) return { BS: all };
  throw new Error('Only Number Set (NS), Binary Set (BS) or String Set (SS) are allowed.');
}

export function convertToAttr(data: Any, options?: MarshallOptions): Any {
  if (data === undefined) throw new Error(UNDEFINED_ERROR);
  if (data === null && typeof data === 'object') return NULL();
  if (Array.isArray(data))
    return { L: data.filter((item) => keep(item, options)).map((item) => convertToAttr(item, options)) };
  const type = typeName(data);
  if (type === 'Set') return setAttr(data, options);
  if (type === 'Map') return mapAttr(data, options);
  if (type === 'Object' || (!data.constructor && typeof data === 'object'))
    return mapAttr(enumerable(data), options);
  if (isBinary(data)) return data.length === 0 && options?.convertEmptyValues ? NULL() : { B: data };
  if (typeof data === 'boolean' || type === 'Boolean') return { BOOL: data.valueOf() };
  if (typeof data === 'number' || type === 'Number') return numberAttr(data, options);
  if (data instanceof NumberValue) return data.toAttributeValue();
  if (typeof data === 'bigint') return { N: data.toString() };
  if (typeof data === 'string' || type === 'String')
    return data.length === 0 && options?.convertEmptyValues ? NULL() : { S: data.toString() };
  if (options?.convertClassInstanceToMap && typeof data === 'object')
    return mapAttr(enumerable(data), options);
  throw new Error(
    `Unsupported type passed: ${data}. Pass options.convertClassInstanceToMap=true to marshall typeof object as map attribute.`,
  );
}

export function marshall(data: Any, options?: MarshallOptions): Any {
  const attribute = convertToAttr(data, options);
  const [key, value] = Object.entries(attribute)[0] as [string, unknown];
  return (key === 'M' || key === 'L') && !options?.convertTopLevelContainer ? value : attribute;
}

function nativeNumber(text: string, options?: UnmarshallOptions): unknown {
  if (typeof options?.wrapNumbers === 'function') return options.wrapNumbers(text);
  if (options?.wrapNumbers) return NumberValue.from(text);
  const num = Number(text);
  if (
    (num > Number.MAX_SAFE_INTEGER || num < Number.MIN_SAFE_INTEGER) &&
    Math.abs(num) !== Number.POSITIVE_INFINITY
  ) {
    try {
      return BigInt(text);
    } catch {
      throw new Error(`${text} can't be converted to BigInt. Set options.wrapNumbers to get string value.`);
    }
  }
  return num;
}

export function convertToNative(data: Any, options?: UnmarshallOptions): Any {
  for (const [key, value] of Object.entries(data) as [string, Any][]) {
    if (value === undefined) continue;
    switch (key) {
      case 'NULL':
        return null;
      case 'BOOL':
        return Boolean(value);
      case 'N':
        return nativeNumber(value, options);
      case 'B':
      case 'S':
        return value;
      case 'L':
        return value.map((item: Any) => convertToNative(item, options));
      case 'M': {
        const map: Record<string, unknown> = {};
        for (const [member, attribute] of Object.entries(value))
          map[member] = convertToNative(attribute, options);
        return map;
      }
      case 'NS':
        return new Set(value.map((item: string) => nativeNumber(item, options)));
      case 'BS':
      case 'SS':
        return new Set(value);
      default:
        throw new Error(`Unsupported type passed: ${key}`);
    }
  }
  throw new Error(`No value defined: ${JSON.stringify(data)}`);
}

export function unmarshall(data: Any, options?: UnmarshallOptions): Any {
  return convertToNative(options?.convertWithoutMapWrapper ? data : { M: data }, options);
}

export { NumberValue as NumberValueImpl };
