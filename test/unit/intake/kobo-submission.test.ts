import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { documentClient, dynamoDbClient } from '#shared/clients/dynamodb.ts';
import { sfnClient } from '#shared/clients/sfn.ts';
import { handler } from '../../../functions/kobo/receive-submission.ts';
import { intakeAnswers, koboEnvelopeFromExample } from '../../fixtures/domain/kobo.ts';
import { cancelled, OTHER_ID } from '../adapters/registry-fixtures.ts';
import { fakeContext, fakeEvent } from '../shared/fakes.ts';
import { ENV, ULID } from './handler-setup.ts';

vi.mock('../../../config/pcodes.csv', async () => ({
  default: (await import('./handler-setup.ts')).pcodesCsv(),
}));

const dynamo = mockClient(documentClient);
const sfn = mockClient(sfnClient as SFNClient);
// Powertools idempotency writes its records through the plain client.
const idempotency = mockClient(dynamoDbClient);

const submission = (answers: Record<string, unknown> = intakeAnswers()) => ({
  ...koboEnvelopeFromExample(),
  ...answers,
  _uuid: 'a3c6f1d2-0b7e-4c2a-9f55-6a1d2e3f4b5c',
});
const post = (body: unknown, secret: string | null = ENV.KOBO_SHARED_SECRET) =>
  handler(
    fakeEvent({
      routeKey: 'POST /kobo/submissions',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-kobo-secret': secret } : {}) },
      body: JSON.stringify(body),
    }),
    fakeContext(),
  );
const json = (result: { body?: string }) => JSON.parse(String(result.body));

beforeEach(() => {
  idempotency.on(PutItemCommand).resolves({});
  idempotency.on(UpdateItemCommand).resolves({});
  idempotency.on(GetItemCommand).resolves({});
  dynamo.on(TransactWriteCommand).resolves({});
  sfn.on(StartExecutionCommand).callsFake((input: { name: string }) => ({
    executionArn: `arn:aws:states:eu-west-3:123456789012:execution:intake:${input.name}`,
    startDate: new Date(),
  }));
});
afterEach(() => {
  idempotency.reset();
  dynamo.reset();
  sfn.reset();
});

describe('POST /kobo/submissions', () => {
  it('maps the submission of our form to a household and claims its _uuid in the same transaction', async () => {
    const result = await post(submission());
    expect(result.statusCode).toBe(202);
    const body = json(result);
    expect(body).toMatchObject({ householdId: expect.stringMatching(ULID), status: 'RECEIVED' });
    const [household, guard] =
      dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(household?.Put?.Item).toMatchObject({
      householdId: body.householdId,
      source: { channel: 'kobo', submissionUuid: 'a3c6f1d2-0b7e-4c2a-9f55-6a1d2e3f4b5c' },
      registeredBy: 'kobo',
      location: { adm1: 'ML19', adm2: 'ML0501', site: 'SITE-BANDIAGARA-02' },
      members: { total: 7 },
    });
    expect(guard?.Put?.Item).toMatchObject({ pk: 'GUARD#KOBO#a3c6f1d2-0b7e-4c2a-9f55-6a1d2e3f4b5c' });
  });

  it('answers a submission seen before with the household it created', async () => {
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'ConditionalCheckFailed')).resolves({});
    dynamo.on(GetCommand).resolves({ Item: { householdId: OTHER_ID } });
    const result = await post(submission());
    expect(result.statusCode).toBe(202);
    expect(json(result)).toMatchObject({ householdId: OTHER_ID, status: 'RECEIVED' });
    expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input.name).toBe(OTHER_ID);
  });

  it('refuses a request without the shared secret (401) or with a wrong one', async () => {
    expect((await post(submission(), null)).statusCode).toBe(401);
    expect((await post(submission(), 'guess')).statusCode).toBe(401);
    expect(dynamo.calls()).toHaveLength(0);
    expect(idempotency.calls()).toHaveLength(0);
  });

  it('keys idempotency on the _uuid, so a Kobo retry is answered from the first delivery', async () => {
    await post(submission());
    await post(submission());
    await post({ ...submission(), _uuid: 'another-submission' });
    const records = idempotency.commandCalls(PutItemCommand).map((call) => call.args[0].input);
    expect(records.every((record) => record.TableName === ENV.IDEMPOTENCY_TABLE)).toBe(true);
    const [first, repeat, other] = records.map((record) => record.Item?.['id']?.S);
    expect(first).toMatch(/^POST \/kobo\/submissions/);
    expect(repeat).toBe(first);
    expect(other).not.toBe(first);
  });

  it('refuses answers that fail the household rules, and fields of another form, writing nothing', async () => {
    const noConsent = await post(submission({ ...intakeAnswers(), 'consent/data_processing': 'no' }));
    expect(noConsent.statusCode).toBe(400);
    expect(json(noConsent).error.fields.map((f: { path: string }) => f.path)).toContain(
      'consent.dataProcessing',
    );
    const otherForm = await post(submission({ ...intakeAnswers(), 'group_x/foo': 'bar' }));
    expect(otherForm.statusCode).toBe(400);
    expect(json(otherForm).error).toMatchObject({
      code: 'UNKNOWN_FORM_FIELDS',
      fields: [{ path: 'group_x/foo' }],
    });
    expect(dynamo.calls()).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });
});
