/**
 * Which members of each document command lib-dynamodb marshals and unmarshals, and its walk over
 * them: the same tables and the same walk as @aws-sdk/lib-dynamodb (commands/*.js, utils.js,
 * Apache-2.0), so plain values become the same attribute values.
 */
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

export type KeyNodes = { [key: string]: KeyNodes } | null;

/** The value itself is one attribute value (`SELF`). */
const SELF = null;
/** Every member is an attribute value (`ALL_VALUES` / `ALL_MEMBERS`). */
const ALL: KeyNodes = {};
const NEXT = '*';

const WRITE_OUTPUT = { Attributes: ALL, ItemCollectionMetrics: { ItemCollectionKey: ALL } };
const EXPECTED = { [NEXT]: { Value: SELF, AttributeValueList: ALL } };
const FILTER = { [NEXT]: { AttributeValueList: ALL } };
const READ_OUTPUT = { Items: { [NEXT]: ALL }, LastEvaluatedKey: ALL };
const WRITE_REQUESTS = { [NEXT]: { [NEXT]: { PutRequest: { Item: ALL }, DeleteRequest: { Key: ALL } } } };

export interface DocumentOperation {
  operation: string;
  input: KeyNodes;
  output: KeyNodes;
}

export const DOCUMENT_OPERATIONS = {
  Get: { operation: 'GetItem', input: { Key: ALL }, output: { Item: ALL } },
  Put: {
    operation: 'PutItem',
    input: { Item: ALL, Expected: EXPECTED, ExpressionAttributeValues: ALL },
    output: WRITE_OUTPUT,
  },
  Update: {
    operation: 'UpdateItem',
    input: {
      Key: ALL,
      AttributeUpdates: { [NEXT]: { Value: SELF } },
      Expected: EXPECTED,
      ExpressionAttributeValues: ALL,
    },
    output: WRITE_OUTPUT,
  },
  Delete: {
    operation: 'DeleteItem',
    input: { Key: ALL, Expected: EXPECTED, ExpressionAttributeValues: ALL },
    output: WRITE_OUTPUT,
  },
  Query: {
    operation: 'Query',
    input: {
      KeyConditions: FILTER,
      QueryFilter: FILTER,
      ExclusiveStartKey: ALL,
      ExpressionAttributeValues: ALL,
    },
    output: READ_OUTPUT,
  },
  Scan: {
    operation: 'Scan',
    input: { ScanFilter: FILTER, ExclusiveStartKey: ALL, ExpressionAttributeValues: ALL },
    output: READ_OUTPUT,
  },
  BatchGet: {
    operation: 'BatchGetItem',
    input: { RequestItems: { [NEXT]: { Keys: { [NEXT]: ALL } } } },
    output: {
      Responses: { [NEXT]: { [NEXT]: ALL } },
      UnprocessedKeys: { [NEXT]: { Keys: { [NEXT]: ALL } } },
    },
  },
  BatchWrite: {
    operation: 'BatchWriteItem',
    input: { RequestItems: WRITE_REQUESTS },
    output: {
      UnprocessedItems: WRITE_REQUESTS,
      ItemCollectionMetrics: { [NEXT]: { [NEXT]: { ItemCollectionKey: ALL } } },
    },
  },
  TransactWrite: {
    operation: 'TransactWriteItems',
    input: {
      TransactItems: {
        [NEXT]: {
          ConditionCheck: { Key: ALL, ExpressionAttributeValues: ALL },
          Put: { Item: ALL, ExpressionAttributeValues: ALL },
          Delete: { Key: ALL, ExpressionAttributeValues: ALL },
          Update: { Key: ALL, ExpressionAttributeValues: ALL },
        },
      },
    },
    output: { ItemCollectionMetrics: { [NEXT]: { [NEXT]: { ItemCollectionKey: ALL } } } },
  },
  TransactGet: {
    operation: 'TransactGetItems',
    input: { TransactItems: { [NEXT]: { Get: { Key: ALL } } } },
    output: { Responses: { [NEXT]: { Item: ALL } } },
  },
} satisfies Record<string, DocumentOperation>;

type Convert = (value: unknown) => unknown;
type Plain = Record<string, unknown>;

const isFunction = (value: unknown) => typeof value === 'function';

function processValue(value: unknown, convert: Convert, nodes: KeyNodes): unknown {
  if (value === undefined) return undefined;
  if (nodes === null) return convert(value);
  const keys = Object.keys(nodes);
  if (keys.length === 0) return processAll(value, convert);
  if (keys.length === 1 && keys[0] === NEXT) {
    const next = nodes[NEXT] ?? null;
    const accumulator: Plain | unknown[] = Array.isArray(value) ? [] : {};
    for (const [key, member] of Object.entries(value as Plain)) {
      if (!isFunction(member)) (accumulator as Plain)[key] = processValue(member, convert, next);
    }
    return accumulator;
  }
  return processKeys(value as Plain, convert, nodes);
}

function processKeys(value: Plain | unknown[], convert: Convert, nodes: Record<string, KeyNodes>): unknown {
  const accumulator: Plain | unknown[] = Array.isArray(value)
    ? value.filter((item) => !isFunction(item))
    : Object.fromEntries(Object.entries(value).filter(([, member]) => !isFunction(member)));
  for (const [key, child] of Object.entries(nodes)) {
    const member = (value as Plain)[key];
    if (isFunction(member)) continue;
    const processed = processValue(member, convert, child);
    if (processed !== undefined && !isFunction(processed)) (accumulator as Plain)[key] = processed;
  }
  return accumulator;
}

function processAll(value: unknown, convert: Convert): unknown {
  if (Array.isArray(value)) {
    return value.filter((item) => !isFunction(item)).map((item) => processValue(item, convert, null));
  }
  const accumulator: Plain = {};
  for (const [key, member] of Object.entries(value as Plain)) {
    if (isFunction(member)) continue;
    const processed = processValue(member, convert, null);
    if (processed !== undefined && !isFunction(processed)) accumulator[key] = processed;
  }
  return accumulator;
}

export type MarshallOptions = NonNullable<Parameters<typeof marshall>[1]>;
export type UnmarshallOptions = NonNullable<Parameters<typeof unmarshall>[1]>;

export const marshallInput = (input: object, nodes: KeyNodes, options: MarshallOptions): Plain =>
  processKeys(input as Plain, (value) => marshall(value, options), nodes ?? {}) as Plain;

export const unmarshallOutput = (output: object, nodes: KeyNodes, options: UnmarshallOptions): Plain =>
  processKeys(
    output as Plain,
    // biome-ignore lint/suspicious/noExplicitAny: unmarshall takes either an attribute map or one value.
    (value) => unmarshall(value as any, options),
    nodes ?? {},
  ) as Plain;
