/**
 * Retention of closed GBV cases on the local runtime, end to end: a case runs to an approved
 * closure, which writes its retention marker; once the marker's TTL has passed, the local TTL
 * sweeper deletes it as DynamoDB's TTL would, the protection table's stream delivers the removal
 * (stamped as the TTL service's) through the event source mapping and its filter, and the
 * anonymizer scrubs the case: no survivor detail or note is left in the table, the trail has
 * `gbv-case.anonymize`, and the statistics count the case as before.
 */
import { randomInt } from 'node:crypto';
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { cloudClients, eventually } from '../cloud/cloud-clients.ts';
import { appCloud } from '../intake/intake-api.ts';
import {
  allAwaiting,
  CASEWORKER,
  type CasePage,
  caseCommand,
  caseWhen,
  followUpBody,
  gbvApi,
  openCase,
  partner,
  referralFor,
  SUPERVISOR,
} from './gbv-api.ts';

const app = appCloud();
const api = gbvApi(app);
const { dynamodb } = cloudClients(app.endpoints);
const protectionTable = app.tableNames.find((name) => /protection/i.test(name))!;
const DAY_SECONDS = 86_400;

interface StatisticsCell {
  key: string;
  count: number | null;
  suppressed: boolean;
}
type Statistics = { dimensions: Record<'incidentType' | 'month' | 'commune' | 'service', StatisticsCell[]> };

const item = async (caseId: string, sk: string) => {
  const { Item } = await dynamodb.send(
    new GetItemCommand({
      TableName: protectionTable,
      Key: { pk: { S: `CASE#${caseId}` }, sk: { S: sk } },
      ConsistentRead: true,
    }),
  );
  return Item ? unmarshall(Item) : undefined;
};
const wholeTable = async (): Promise<string> => {
  const items: unknown[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(
      new ScanCommand({ TableName: protectionTable, ExclusiveStartKey: start }),
    );
    items.push(...(page.Items ?? []).map((i) => unmarshall(i)));
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return JSON.stringify(items);
};
const statistics = async (): Promise<Statistics> => {
  const answer = await api.call<Statistics>('GET', '/gbv/stats', SUPERVISOR);
  expect(answer.status).toBe(200);
  return answer.body;
};
const sweep = async () => {
  const response = await fetch(`${app.endpoints.api}/_local/ttl/sweep`, { method: 'POST' });
  expect(response.status).toBe(200);
  return (await response.json()) as { swept: { tableName: string; deleted: number }[] };
};
const anonymizeRecords = async (caseId: string) => {
  const answer = await api.call<{ items: { action: string; actor: string; roles: string[] }[] }>(
    'GET',
    `/audit?entityType=gbv-case&entityId=${caseId}`,
    SUPERVISOR,
  );
  expect(answer.status).toBe(200);
  return answer.body.items.filter((record) => record.action === 'gbv-case.anonymize');
};

/** Runs a case with one referral, its implementation and a follow-up visit to an approved closure. */
async function closedCase(
  details: { name: string; phone: string; notes: string; texts: string[] },
  month: string,
) {
  const { caseId, survivorCode } = await openCase(
    api,
    caseCommand({
      incidentDate: `${month}-02`,
      reportedAt: `${month}-03T09:00:00.000Z`,
      servicesNeeded: ['PSYCHOSOCIAL'],
      consent: {
        referrals: [{ service: 'PSYCHOSOCIAL', partnerId: 'FeDe', granted: true }],
        statistics: true,
      },
      identifyingDetails: { name: details.name, phone: details.phone, notes: details.notes, ageYears: 27 },
    }),
  );
  let page = await caseWhen(
    api,
    caseId,
    (p) => p.referrals.length === 1 && allAwaiting('PARTNER_RESPONSE')(p),
  );
  const { referralId } = referralFor(page, 'PSYCHOSOCIAL');
  const [accepted, implemented, visited, closing] = details.texts;
  const respond = await api.call('POST', `/gbv/referrals/${referralId}/response`, partner('FeDe'), {
    decision: 'ACCEPT',
    note: accepted,
  });
  expect(respond.status).toBe(200);
  await caseWhen(api, caseId, allAwaiting('IMPLEMENTATION'));
  const implement = await api.call('POST', `/gbv/referrals/${referralId}/implementation`, partner('FeDe'), {
    status: 'DONE',
    note: implemented,
  });
  expect(implement.status).toBe(200);
  await caseWhen(api, caseId, (p) => p.awaiting === 'FOLLOW_UP');
  const visit = await api.call(
    'POST',
    `/gbv/cases/${caseId}/follow-ups`,
    CASEWORKER,
    followUpBody({ actionTaken: visited }),
  );
  expect(visit.status).toBe(201);
  await caseWhen(api, caseId, (p) => p.awaiting === 'FOLLOW_UP' && p.followUpCount === 1);
  const request = await api.call('POST', `/gbv/cases/${caseId}/closure-request`, CASEWORKER, {
    reason: 'NEEDS_MET',
    note: closing,
  });
  expect(request.status).toBe(202);
  await caseWhen(api, caseId, (p) => p.awaiting === 'CLOSURE_DECISION');
  const decide = await api.call('POST', `/gbv/cases/${caseId}/closure-decision`, SUPERVISOR, {
    decision: 'APPROVE',
  });
  expect(decide.status).toBe(200);
  page = await caseWhen(api, caseId, (p) => p.status === 'CLOSED');
  return { caseId, survivorCode };
}

describe('GBV retention on the local runtime', () => {
  it('anonymizes a closed case once its retention marker expires, audits it, and keeps it in the statistics', async () => {
    const tag = randomInt(100_000, 999_999);
    // A month no other test reports in, so its statistics cell is this case's alone.
    const month = `20${String(randomInt(0, 20)).padStart(2, '0')}-${String(randomInt(1, 13)).padStart(2, '0')}`;
    const details = {
      name: `Retention Survivor ${tag}`,
      phone: `+223 7${tag} 99`,
      notes: `Staying with cousin ${tag}`,
      texts: [`Accepted for ${tag}`, `Session held with ${tag}`, `Home visit ${tag}`, `Needs met ${tag}`],
    };
    const { caseId, survivorCode } = await closedCase(details, month);

    // The closure wrote the marker, expiring after the deployment's retention period (365 days).
    const marker = await eventually(() => item(caseId, 'RETENTION'));
    const closed = await item(caseId, 'CASE');
    expect(marker).toMatchObject({ caseId, retentionDays: 365, closedAt: closed?.closedAt });
    expect(marker.expiration).toBe(
      Math.floor(Date.parse(String(closed?.closedAt)) / 1000) + 365 * DAY_SECONDS,
    );
    const before = await statistics();
    expect(before.dimensions.month.map((cell) => cell.key)).toContain(month);
    const tableBefore = await wholeTable();
    for (const text of [details.name, details.phone, details.notes, survivorCode, ...details.texts])
      expect(tableBefore).toContain(text);

    // A sweep before the period ends leaves the marker alone.
    await sweep();
    expect(await item(caseId, 'RETENTION')).toBeDefined();
    // The retention period passes: the marker's TTL is moved into the past, as time would.
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: protectionTable,
        Key: { pk: { S: `CASE#${caseId}` }, sk: { S: 'RETENTION' } },
        UpdateExpression: 'SET expiration = :past',
        ExpressionAttributeValues: { ':past': { N: String(Math.floor(Date.now() / 1000) - 60) } },
      }),
    );
    const { swept } = await sweep();
    expect(swept.find((s) => s.tableName === protectionTable)?.deleted).toBeGreaterThanOrEqual(1);
    expect(await item(caseId, 'RETENTION')).toBeUndefined();

    const anonymized = await eventually(async () => {
      const found = await item(caseId, 'CASE');
      return found?.anonymizedAt ? found : undefined;
    }, 60_000);
    expect(anonymized).toMatchObject({
      status: 'CLOSED',
      survivorCode: 'ANONYMIZED',
      incidentType: 'PHYSICAL_ASSAULT',
      reportedAt: `${month}-03T09:00:00.000Z`,
      commune: 'ML0506',
      servicesNeeded: ['PSYCHOSOCIAL'],
      statisticsConsent: true,
    });
    expect(await item(caseId, 'IDENTITY')).toBeUndefined();
    // The case file still reads, without anything that identifies the survivor.
    const view = await api.call<CasePage>('GET', `/gbv/cases/${caseId}`, CASEWORKER);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      status: 'CLOSED',
      survivorCode: 'ANONYMIZED',
      identifyingDetails: null,
    });
    const tableAfter = await wholeTable();
    for (const text of [details.name, details.phone, details.notes, survivorCode, ...details.texts])
      expect(tableAfter).not.toContain(text);

    const records = await eventually(async () => {
      const found = await anonymizeRecords(caseId);
      return found.length > 0 ? found : undefined;
    });
    expect(records).toEqual([
      expect.objectContaining({ actor: 'system:gbv-retention', roles: ['retention'] }),
    ]);
    expect(await statistics()).toEqual(before);

    // Another sweep, and the stream's redeliveries, change nothing: one anonymization, audited once.
    await sweep();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await anonymizeRecords(caseId)).toHaveLength(1);
  });

  it('ignores a marker deleted by anything but TTL, and anonymizes when one expires', async () => {
    const tag = randomInt(100_000, 999_999);
    const { caseId } = await openCase(
      api,
      caseCommand({
        servicesNeeded: ['PSYCHOSOCIAL'],
        consent: { referrals: [], statistics: false },
        identifyingDetails: { name: `Kept Survivor ${tag}` },
      }),
    );
    await caseWhen(api, caseId, (p) => p.awaiting === 'FOLLOW_UP');
    // Closed behind the workflow's back, so that only the marker's removal decides.
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: protectionTable,
        Key: { pk: { S: `CASE#${caseId}` }, sk: { S: 'CASE' } },
        UpdateExpression: 'SET #status = :closed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':closed': { S: 'CLOSED' } },
      }),
    );
    const key = { pk: { S: `CASE#${caseId}` }, sk: { S: 'RETENTION' } };
    const putMarker = (expiresAt: number) =>
      dynamodb.send(
        new PutItemCommand({
          TableName: protectionTable,
          Item: { ...key, caseId: { S: caseId }, expiration: { N: String(expiresAt) } },
        }),
      );
    const now = Math.floor(Date.now() / 1000);
    // A function or a person deletes the marker: the mapping's filter lets nothing through.
    await putMarker(now + DAY_SECONDS);
    await dynamodb.send(new DeleteItemCommand({ TableName: protectionTable, Key: key }));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await anonymizeRecords(caseId)).toHaveLength(0);
    expect((await item(caseId, 'IDENTITY'))?.name).toBe(`Kept Survivor ${tag}`);

    // The same marker expiring is an expiry by the TTL service: the case is anonymized.
    await putMarker(now - 60);
    await sweep();
    await eventually(async () => ((await anonymizeRecords(caseId)).length === 1 ? true : undefined), 60_000);
    expect(await item(caseId, 'IDENTITY')).toBeUndefined();
  });
});
