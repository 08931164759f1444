import { describe, expect, it } from 'vitest';
import { createDynamoDbFaults } from '../../../../local/cloud/dynamodb/dynamodb-faults.ts';

const REGISTRY = 'CaseworkData-RegistryTable9A2D1F2B';
const AUDIT = 'CaseworkData-AuditTable5C3B9E11';
const logicalIds: Record<string, string> = { 'registry-named-table': 'RegistryTable9A2D1F2B' };

describe('DynamoDB faults', () => {
  it('answers only the named operations of the named table, case-insensitively', () => {
    const faults = createDynamoDbFaults();
    faults.set([{ kind: 'throttle', table: 'registry', operations: ['PutItem', 'transactWriteItems'] }]);
    expect(faults.mayMatch('GetItem')).toBe(false);
    expect(faults.mayMatch('PutItem')).toBe(true);
    expect(faults.take('PutItem', [AUDIT])).toBeUndefined();
    expect(faults.take('PutItem', [REGISTRY])).toMatchObject({ table: REGISTRY });
    expect(faults.take('TransactWriteItems', [AUDIT, REGISTRY])).toMatchObject({ table: REGISTRY });
  });

  it('counts down `times`, then stays listed with nothing left and stops matching', () => {
    const faults = createDynamoDbFaults();
    faults.set([{ kind: 'throttle', table: 'Registry', times: 2 }]);
    expect(faults.take('GetItem', [REGISTRY])).toBeDefined();
    expect(faults.list()).toEqual([
      { kind: 'throttle', table: 'Registry', times: 2, remaining: 1, throttled: 1 },
    ]);
    expect(faults.take('Query', [REGISTRY])).toBeDefined();
    expect(faults.mayMatch('GetItem')).toBe(false);
    expect(faults.take('GetItem', [REGISTRY])).toBeUndefined();
    expect(faults.list()).toEqual([
      { kind: 'throttle', table: 'Registry', times: 2, remaining: 0, throttled: 2 },
    ]);
  });

  it('lists an unlimited fault with remaining null, and clear() ends it', () => {
    const faults = createDynamoDbFaults();
    faults.set([{ kind: 'throttle' }]);
    for (let i = 0; i < 5; i++) expect(faults.take('Scan', [])).toBeDefined();
    expect(faults.list()).toEqual([{ kind: 'throttle', remaining: null, throttled: 5 }]);
    faults.clear();
    expect(faults.list()).toEqual([]);
    expect(faults.mayMatch('Scan')).toBe(false);
  });

  it('matches a table by its logical id and by its ARN', () => {
    const faults = createDynamoDbFaults((name) => logicalIds[name]);
    faults.set([{ kind: 'throttle', table: 'RegistryTable' }]);
    expect(faults.take('GetItem', ['registry-named-table'])).toMatchObject({ table: 'registry-named-table' });
    const arn = 'arn:aws:dynamodb:eu-west-1:123456789012:table/registry-named-table';
    expect(faults.take('GetItem', [arn])).toMatchObject({ table: arn });
    expect(faults.take('GetItem', ['other-table'])).toBeUndefined();
  });

  it('reads bodies only when a table is named: an operation-only fault needs no tables', () => {
    const faults = createDynamoDbFaults();
    faults.set([{ kind: 'throttle', operations: ['ExecuteStatement'] }]);
    expect(faults.needsTables('ExecuteStatement')).toBe(false);
    expect(faults.take('ExecuteStatement', [])).toBeDefined();
    faults.set([{ kind: 'throttle', table: 'Registry' }]);
    expect(faults.needsTables('ExecuteStatement')).toBe(true);
    // A PartiQL statement names no table the proxy reads: a table-bound fault lets it through.
    expect(faults.take('ExecuteStatement', [])).toBeUndefined();
  });

  it('gives each request to the first fault that matches it, and set() replaces the faults', () => {
    const faults = createDynamoDbFaults();
    faults.set([
      { kind: 'throttle', table: 'Audit', times: 1, error: 'ThrottlingException' },
      { kind: 'throttle', operations: ['PutItem'], times: 1 },
    ]);
    expect(faults.take('PutItem', [AUDIT])?.fault.error).toBe('ThrottlingException');
    expect(faults.take('PutItem', [AUDIT])?.fault.error).toBeUndefined();
    expect(faults.take('PutItem', [AUDIT])).toBeUndefined();
    faults.set([]);
    expect(faults.list()).toEqual([]);
  });
});
