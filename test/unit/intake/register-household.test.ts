import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DeleteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { sfnClient } from '#shared/clients/sfn.ts';
import { handler } from '../../../functions/intake/register-household.ts';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { claimsFor, fakeContext, fakeEvent } from '../shared/fakes.ts';
import { ENV, ULID } from './handler-setup.ts';

vi.mock('../../../config/pcodes.csv', async () => ({
  default: (await import('./handler-setup.ts')).pcodesCsv(),
}));

const dynamo = mockClient(documentClient);
const sfn = mockClient(sfnClient as SFNClient);

const post = (body: unknown, claims = claimsFor(['intake']), headers: Record<string, string> = {}) =>
  handler(
    fakeEvent({
      routeKey: 'POST /households',
      claims,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
    fakeContext(),
  );
const parse = (result: Awaited<ReturnType<typeof post>>) => JSON.parse(String(result.body));

beforeEach(() => {
  dynamo.on(PutCommand).resolves({});
  dynamo.on(TransactWriteCommand).resolves({});
  sfn.on(StartExecutionCommand).callsFake((input: { name: string }) => ({
    executionArn: `arn:aws:states:eu-west-3:123456789012:execution:intake:${input.name}`,
    startDate: new Date(),
  }));
});
afterEach(() => {
  dynamo.reset();
  sfn.reset();
});

describe('POST /households', () => {
  it('stores the household as RECEIVED, starts its workflow with the id only, and answers 202', async () => {
    const result = await post(aHouseholdCommand());
    expect(result.statusCode).toBe(202);
    const body = parse(result);
    expect(body).toEqual({
      householdId: expect.stringMatching(ULID),
      status: 'RECEIVED',
      executionArn: `arn:aws:states:eu-west-3:123456789012:execution:intake:${body.householdId}`,
    });
    const item = dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item;
    expect(item).toMatchObject({
      pk: `HH#${body.householdId}`,
      sk: 'PROFILE',
      status: 'RECEIVED',
      registeredBy: 'user-1',
      source: { channel: 'api' },
      consent: { dataProcessing: true, recordedAt: expect.any(String) },
      headOfHousehold: { givenName: 'Aminata', familyName: 'Traoré' },
    });
    const start = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect(start).toEqual({
      stateMachineArn: ENV.INTAKE_STATE_MACHINE_ARN,
      name: body.householdId,
      input: JSON.stringify({ householdId: body.householdId }),
    });
  });

  it('writes an audit record with identifiers only', async () => {
    const body = parse(await post(aHouseholdCommand()));
    const audit = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(audit[0]?.Put?.TableName).toBe(ENV.AUDIT_TABLE);
    expect(audit[0]?.Put?.Item).toMatchObject({
      action: 'household.register',
      entityType: 'household',
      entityId: body.householdId,
      actor: 'user-1',
    });
    expect(JSON.stringify(audit)).not.toContain('Aminata');
  });

  it('records the partner organisation of a partner registration', async () => {
    await post(aHouseholdCommand(), claimsFor(['partner'], { 'custom:partnerId': 'FeDe' }));
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item).toMatchObject({ partnerId: 'FeDe' });
  });

  it('refuses a household without consent, in French by default, and writes nothing', async () => {
    const command = { ...aHouseholdCommand(), consent: { dataProcessing: false } };
    const result = await post(command);
    expect(result.statusCode).toBe(400);
    const { error } = parse(result);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toEqual([{ path: 'consent.dataProcessing', message: expect.any(String) }]);
    expect(dynamo.calls()).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });

  it('answers field messages in English when asked, for unknown keys and unknown P-codes', async () => {
    const command = aHouseholdCommand();
    const result = await post(
      { ...command, location: { ...command.location, adm2: 'ML9999' }, nickname: 'x' },
      claimsFor(['intake']),
      { 'accept-language': 'en' },
    );
    expect(result.statusCode).toBe(400);
    const paths = parse(result).error.fields.map((field: { path: string }) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['location.adm2']));
    expect(paths.some((path: string) => path === '' || path.includes('nickname'))).toBe(true);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('refuses roles that may not register (403) and answers 500 without detail when the workflow cannot start', async () => {
    expect((await post(aHouseholdCommand(), claimsFor(['caseworker']))).statusCode).toBe(403);
    sfn.on(StartExecutionCommand).rejects(new Error('boom with Aminata'));
    dynamo.on(DeleteCommand).resolves({});
    const failed = await post(aHouseholdCommand());
    expect(failed.statusCode).toBe(500);
    expect(String(failed.body)).not.toContain('Aminata');
    // Nothing is left that no workflow will process, and no registration is audited.
    const stored = dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item;
    expect(dynamo.commandCalls(DeleteCommand)[0]?.args[0].input).toMatchObject({
      Key: { pk: stored?.['pk'], sk: 'PROFILE' },
      ConditionExpression: '#status = :received',
    });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
