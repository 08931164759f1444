import { describe, expect, it } from 'vitest';
import { requestTables } from '../../../../local/cloud/dynamodb/request-tables.ts';

describe('requestTables', () => {
  it('reads TableName, batch RequestItems and every transaction item', () => {
    expect(requestTables({ TableName: 'A', Key: {} })).toEqual(['A']);
    expect(requestTables({ RequestItems: { A: [], B: [] } })).toEqual(['A', 'B']);
    expect(
      requestTables({
        TransactItems: [
          { Put: { TableName: 'A', Item: {} } },
          { Update: { TableName: 'B', Key: {} } },
          { ConditionCheck: { TableName: 'A', Key: {} } },
          { Get: { TableName: 'C', Key: {} } },
        ],
      }),
    ).toEqual(['A', 'B', 'C']);
  });

  it('finds nothing in a PartiQL statement or a body that is not an object', () => {
    expect(requestTables({ Statement: 'SELECT * FROM "A"' })).toEqual([]);
    expect(requestTables(null)).toEqual([]);
    expect(requestTables('TableName')).toEqual([]);
    expect(requestTables({ TransactItems: [null, { Put: null }] })).toEqual([]);
  });
});
