import { describe, expect, it } from 'vitest';
import { createDynamoDbFaults } from '../../../../local/cloud/dynamodb/dynamodb-faults.ts';

const REGISTRY = 'CaseworkData-RegistryTable9A2D1F2B';
const AUDIT = 'CaseworkData-AuditTable5C3B9E11';
const logicalIds: Record<string, string> = { 'registry-named-table': 'RegistryTable9A2D1F2B' };

/** A request body as the SDK sends it. */
const on = (TableName: string, pk = 'HH#01') => JSON.stringify({ TableName, Key: { pk: { S: pk } } });
const transaction = (...tables: string[]) =>
  JSON.stringify({ TransactItems: tables.map((TableName) => ({ Put: { TableName, Item: {} } })) });

describe('DynamoDB faults', () => {
  it('answers only the named operations of the named table, case-insensitively', () => {
    const faults = createDynamoDbFaults();
    faults.set([{ kind: 'throttle', table: 'registry', operations: ['PutItem', 'transactWriteItems'] }]);
    expect(faults.mayMatch('GetItem')).toBe(false);
    expect(faults.mayMatch('PutItem')).toBe(true);
    expect(faults.take('PutItem', on(AUDIT))).toBeUndefined();
    expect(faults.take('PutItem', on(REGISTRY))).toMatchObject({ table: REGISTRY });
    expect(faults.take('TransactWriteItems', transaction(AUDIT, REGISTRY))).toMatchObject({
      table: REGISTRY,
    });
  });

  it('counts down `times`, then stays listed with nothing left and stops matching', () => {
    const faults = createDynamoDbFaults();
    faults.set([{ kind: 'throttle', table: 'Registry', times: 2 }]);
    expect(faults.take('GetItem', on(REGISTRY))).toBeDefined();
    expect(faults.list()).toEqual([
      { kind: 'throttle', table: 'Registry', times: 2, remaining: 1, throttled: 1 },
    ]);
    expect(faults.take('Query', on(REGISTRY))).toBeDefined();
    expect(faults.mayMatch('GetItem')).toBe(false);
    expect(faults.take('GetItem', on(REGISTRY))).toBeUndefined();
    expect(faults.list()).toEqual([
      { kind: 'throttle', table: 'Registry', times: 2, remaining: 0, throttled: 2 },
    ]);
  });

  it('lists an unlimited fault with remaining null, and clear() ends it', () => {
    const faults = createDynamoDbFaults();
    faults.set([{ kind: 'throttle' }]);
    for (let i = 0; i < 5; i++) expect(faults.take('Scan', on(AUDIT))).toMatchObject({ table: AUDIT });
    expect(faults.list()).toEqual([{ kind: 'throttle', remaining: null, throttled: 5 }]);
    faults.clear();
    expect(faults.list()).toEqual([]);
    expect(faults.mayMatch('Scan')).toBe(false);
  });

  it('matches a table by its logical id and by its ARN', () => {
    const faults = createDynamoDbFaults((name) => logicalIds[name]);
    faults.set([{ kind: 'throttle', table: 'RegistryTable' }]);
    expect(faults.take('GetItem', on('registry-named-table'))).toMatchObject({
      table: 'registry-named-table',
    });
    const arn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/registry-named-table';
    expect(faults.take('GetItem', on(arn))).toMatchObject({ table: arn });
    expect(faults.take('GetItem', on('other-table'))).toBeUndefined();
  });

  it('answers only requests whose body contains the given text', () => {
    const faults = createDynamoDbFaults();
    faults.set([{ kind: 'throttle', table: 'Registry', contains: 'HH#01J9' }]);
    expect(faults.take('GetItem', on(REGISTRY, 'HH#01AB'))).toBeUndefined();
    expect(faults.take('GetItem', on(REGISTRY, 'HH#01J9'))).toBeDefined();
    expect(faults.list()[0]).toMatchObject({ throttled: 1 });
  });

  it('lets a PartiQL statement through a table-bound fault (its table is inside the statement text)', () => {
    const faults = createDynamoDbFaults();
    const statement = JSON.stringify({ Statement: `SELECT * FROM "${REGISTRY}"` });
    faults.set([{ kind: 'throttle', operations: ['ExecuteStatement'] }]);
    expect(faults.take('ExecuteStatement', statement)).toEqual({ fault: expect.anything() });
    faults.set([{ kind: 'throttle', table: 'Registry' }]);
    expect(faults.take('ExecuteStatement', statement)).toBeUndefined();
    expect(faults.take('GetItem', 'not json')).toBeUndefined();
  });

  it('gives each request to the first fault that matches it, and set() replaces the faults', () => {
    const faults = createDynamoDbFaults();
    faults.set([
      { kind: 'throttle', table: 'Audit', times: 1, error: 'ThrottlingException' },
      { kind: 'throttle', operations: ['PutItem'], times: 1 },
    ]);
    expect(faults.take('PutItem', on(AUDIT))?.fault.error).toBe('ThrottlingException');
    expect(faults.take('PutItem', on(AUDIT))?.fault.error).toBeUndefined();
    expect(faults.take('PutItem', on(AUDIT))).toBeUndefined();
    faults.set([]);
    expect(faults.list()).toEqual([]);
  });
});
