import { type AttributeValue, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { intakeAnswers, koboEnvelopeFromExample } from '../../fixtures/domain/kobo.ts';
import { cloudClients } from '../cloud/cloud-clients.ts';
import { appCloud, intakeApi, settledHousehold } from './intake-api.ts';

const app = appCloud();
const api = intakeApi(app, 'it-kobo');
const SECRET = 'integration-kobo-secret-0123456789';

describe('POST /kobo/submissions (local runtime)', () => {
  beforeAll(async () => {
    // What an operator does once per deployment: store the secret typed into Kobo's REST service.
    const { dynamodb } = cloudClients(app.endpoints);
    const config = app.tableNames.find((name) => name.includes('Config'));
    await dynamodb.send(
      new PutItemCommand({
        TableName: config,
        Item: { pk: { S: 'SECRET' }, sk: { S: 'kobo-rest-service' }, value: { S: SECRET } },
      }),
    );
  });

  it('registers one household for a submission Kobo delivers three times', async () => {
    const body = {
      ...koboEnvelopeFromExample(),
      ...intakeAnswers(),
      _uuid: 'it-kobo-3f1c9b2e-5a7d-4e21-9c0b-7d2e1f3a4b5c',
    };
    const headers = { 'x-kobo-secret': SECRET };
    const answers = [];
    for (let delivery = 0; delivery < 3; delivery++) {
      answers.push(
        await api.call<{ householdId: string; status: string }>('POST', '/kobo/submissions', {
          body,
          headers,
        }),
      );
    }
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
    const ids = new Set(answers.map((answer) => answer.body.householdId));
    expect(ids.size).toBe(1);
    const [householdId] = [...ids];
    const page = await settledHousehold(api, householdId!);
    expect(['ELIGIBLE', 'INELIGIBLE', 'PENDING_REVIEW']).toContain(page.household.status);

    const { dynamodb } = cloudClients(app.endpoints);
    const registry = app.tableNames.find((name) => name.includes('Registry'));
    // A filtered Scan reads 1 MB a page: other files fill the shared table, so read every page.
    let stored = 0;
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await dynamodb.send(
        new ScanCommand({
          TableName: registry,
          FilterExpression: 'sk = :profile AND #source.submissionUuid = :uuid',
          ExpressionAttributeNames: { '#source': 'source' },
          ExpressionAttributeValues: { ':profile': { S: 'PROFILE' }, ':uuid': { S: body._uuid } },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      stored += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    expect(stored).toBe(1);
  });

  it('refuses a delivery without the secret', async () => {
    const body = { ...koboEnvelopeFromExample(), ...intakeAnswers(), _uuid: 'it-kobo-no-secret' };
    expect((await api.call('POST', '/kobo/submissions', { body })).status).toBe(401);
    expect(
      (await api.call('POST', '/kobo/submissions', { body, headers: { 'x-kobo-secret': 'wrong' } })).status,
    ).toBe(401);
  });
});
