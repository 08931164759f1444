import { describe, expect, it } from 'vitest';
import { parseDynamoDbFaultBody } from '../../../../local/cloud/dynamodb/dynamodb-fault-body.ts';

describe('parseDynamoDbFaultBody', () => {
  it('takes one fault or a list', () => {
    const fault = {
      kind: 'throttle',
      table: 'Registry',
      operations: ['PutItem'],
      contains: 'HH#01',
      times: 5,
    };
    expect(parseDynamoDbFaultBody(fault)).toEqual({ ok: true, faults: [fault] });
    expect(parseDynamoDbFaultBody([fault, { kind: 'throttle', error: 'ThrottlingException' }])).toEqual({
      ok: true,
      faults: [fault, { kind: 'throttle', error: 'ThrottlingException' }],
    });
  });

  it('names each field it refuses', () => {
    const refused = parseDynamoDbFaultBody({
      kind: 'throttle',
      times: 0,
      operations: ['Put Item'],
      extra: 1,
    });
    expect(refused.ok).toBe(false);
    const fields = refused.ok ? [] : refused.errors.map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['times', 'operations.0']));
    expect(fields.some((field) => field.includes('extra') || field === '(body)')).toBe(true);
    const inList = parseDynamoDbFaultBody([{ kind: 'throttle' }, { kind: 'throw' }]);
    expect(inList.ok ? [] : inList.errors.map((error) => error.field)).toEqual(['1.kind']);
    expect(parseDynamoDbFaultBody({ kind: 'throttle', error: 'Boom' }).ok).toBe(false);
  });
});
