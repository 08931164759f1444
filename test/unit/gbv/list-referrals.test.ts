import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '#shared/clients/dynamodb.ts';
import type { ReferralRecord, ReferralStatus } from '../../../functions/adapters/protection/records.ts';
import { handler as listReferrals } from '../../../functions/gbv/list-referrals.ts';
import { claimsFor, fakeContext, fakeEvent } from '../shared/fakes.ts';
import { aCase, aReferral } from './gbv-setup.ts';

const dynamo = mockClient(documentClient);
const ROUTE = 'GET /gbv/referrals';

/** Referral ids are ULID-like: the later the id, the newer the referral. */
const idOf = (n: number) => `01JD3Q4Z5X6Y7W8V9T0S1R2R${String(n).padStart(2, '0')}`;

let referrals: ReferralRecord[] = [];
/** Inbox entries as GSI1 holds them; a moved entry may still name an old partner. */
let inbox: { gsi1pk: string; gsi1sk: string; referralId: string }[] = [];

const seed = (partnerId: string, n: number, status: ReferralStatus = 'IN_PROGRESS') => {
  const referral = aReferral({ referralId: idOf(n), partnerId, status, caseId: `CASE${n}` });
  referrals.push(referral);
  inbox.push({
    gsi1pk: `PARTNER#${partnerId}`,
    gsi1sk: `REFERRAL#${referral.referralId}`,
    referralId: referral.referralId,
  });
};

type QueryInput = {
  IndexName?: string;
  KeyConditionExpression?: string;
  ExpressionAttributeValues?: Record<string, string>;
  ScanIndexForward?: boolean;
  Limit?: number;
};

beforeEach(() => {
  referrals = [];
  inbox = [];
  dynamo.on(TransactWriteCommand).resolves({});
  // A small GSI1: one partition, descending sort key, `<` on the sort key for the cursor.
  dynamo.on(QueryCommand).callsFake((input: QueryInput) => {
    const values = input.ExpressionAttributeValues ?? {};
    const matching = inbox
      .filter((entry) => entry.gsi1pk === values[':pk'])
      .filter((entry) => values[':before'] === undefined || entry.gsi1sk < values[':before'])
      .sort((a, b) => (a.gsi1sk < b.gsi1sk ? 1 : -1));
    const limit = input.Limit ?? matching.length;
    const items = matching.slice(0, limit);
    return {
      Items: items,
      ...(matching.length > limit ? { LastEvaluatedKey: { gsi1sk: items.at(-1)?.gsi1sk } } : {}),
    };
  });
  dynamo.on(GetCommand).callsFake((input: { Key: { pk: string; sk: string } }) => {
    if (input.Key.sk === 'CASE') {
      const caseId = input.Key.pk.replace('CASE#', '');
      return { Item: aCase({ caseId, assignedCaseworkerId: caseId === 'CASE1' ? 'user-1' : 'other' }) };
    }
    const referral = referrals.find((r) => `REFERRAL#${r.referralId}` === input.Key.pk);
    return { Item: referral ? { ...input.Key, ...referral } : undefined };
  });
});
afterEach(() => dynamo.reset());

const call = (query: Record<string, string>, claims: Record<string, unknown> = partner('FeDe')) =>
  listReferrals(
    fakeEvent({ routeKey: ROUTE, claims: claims as never, query }) as never,
    fakeContext() as never,
  ) as Promise<{ statusCode: number; body?: string }>;
const partner = (partnerId: string) => claimsFor(['partner'], { 'custom:partnerId': partnerId });
const body = (result: { body?: string }) =>
  JSON.parse(String(result.body)) as { referrals: Record<string, unknown>[]; nextCursor: string | null };
const ids = (result: { body?: string }) => body(result).referrals.map((r) => r['referralId']);
const queriedPartitions = () =>
  dynamo
    .commandCalls(QueryCommand)
    .map((c) => [c.args[0].input.IndexName, c.args[0].input.ExpressionAttributeValues?.[':pk']]);

describe('GET /gbv/referrals', () => {
  it('gives a partner only the referrals sent to its own organisation, newest first, in the minimal view', async () => {
    seed('FeDe', 1);
    seed('AMSS', 2);
    seed('FeDe', 3);
    // A stale inbox entry (the referral has since gone to AMSS) must not leak it back to FeDe.
    referrals.push(aReferral({ referralId: idOf(4), partnerId: 'AMSS' }));
    inbox.push({ gsi1pk: 'PARTNER#FeDe', gsi1sk: `REFERRAL#${idOf(4)}`, referralId: idOf(4) });
    dynamo.on(GetCommand).callsFake((input: { Key: { pk: string } }) => {
      const referral = referrals.find((r) => `REFERRAL#${r.referralId}` === input.Key.pk);
      return { Item: referral };
    });

    // The partnerId of the query is never the partner's: the token's is.
    const result = await call({ partnerId: 'AMSS' });
    expect(result.statusCode).toBe(200);
    expect(ids(result)).toEqual([idOf(3), idOf(1)]);
    expect(queriedPartitions().every(([index, pk]) => index === 'GSI1' && pk === 'PARTNER#FeDe')).toBe(true);
    const [first] = body(result).referrals;
    expect(Object.keys(first ?? {}).sort()).toEqual(
      [
        'awaiting',
        'commune',
        'dueAt',
        'referralId',
        'sentAt',
        'service',
        'status',
        'survivorCode',
        'urgent',
      ].sort(),
    );
    expect(body(result).nextCursor).toBeNull();
    const audit = dynamo
      .commandCalls(TransactWriteCommand)
      .flatMap((c) => c.args[0].input.TransactItems ?? [])
      .map((item) => item.Put?.Item)
      .find((item) => item?.['action'] === 'gbv-referral.list');
    expect(audit).toMatchObject({ entityId: 'FeDe' });
    expect(JSON.stringify(audit)).toContain(idOf(3));
  });

  it('filters by status, reading on past pages thinned out by the filter', async () => {
    for (const n of [1, 2, 3, 4, 5]) seed('FeDe', n, n % 2 === 1 ? 'ACCEPTED' : 'IN_PROGRESS');
    const result = await call({ status: 'ACCEPTED', limit: '2' });
    expect(result.statusCode).toBe(200);
    expect(ids(result)).toEqual([idOf(5), idOf(3)]);
    const rest = await call({ status: 'ACCEPTED', limit: '2', cursor: String(body(result).nextCursor) });
    expect(ids(rest)).toEqual([idOf(1)]);
    expect(body(rest).nextCursor).toBeNull();
  });

  it('pages with an opaque cursor until the last page', async () => {
    for (const n of [1, 2, 3, 4, 5]) seed('FeDe', n);
    const seen: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result = await call({ limit: '2', ...(cursor ? { cursor } : {}) });
      expect(result.statusCode).toBe(200);
      seen.push(...ids(result));
      cursor = body(result).nextCursor;
      if (cursor) expect(cursor).not.toContain('01JD');
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual([5, 4, 3, 2, 1].map(idOf));
    expect(pages).toBe(3);
  });

  it('answers 400 with the field on an unknown query key, a bad status, limit or cursor', async () => {
    for (const [query, field] of [
      [{ partner: 'AMSS' }, '"query.partner"'],
      [{ status: 'OPEN' }, 'query.status'],
      [{ limit: '0' }, 'query.limit'],
      [{ limit: '500' }, 'query.limit'],
      [{ cursor: '!!' }, 'query.cursor'],
    ] as const) {
      const result = await call(query);
      expect(result.statusCode, JSON.stringify(query)).toBe(400);
      expect(result.body, JSON.stringify(query)).toContain(field);
    }
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('lets a supervisor list a named partner’s referrals in full, and asks for the partner otherwise', async () => {
    seed('AMSS', 1);
    const named = await call({ partnerId: 'AMSS' }, claimsFor(['supervisor']));
    expect(named.statusCode).toBe(200);
    expect(body(named).referrals[0]).toMatchObject({
      referralId: idOf(1),
      caseId: 'CASE1',
      partnerId: 'AMSS',
    });
    const unnamed = await call({}, claimsFor(['supervisor']));
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.body).toContain('query.partnerId');
  });

  it('shows a caseworker only referrals of the cases assigned to them', async () => {
    seed('AMSS', 1);
    seed('AMSS', 2);
    const result = await call({ partnerId: 'AMSS' }, claimsFor(['caseworker']));
    expect(result.statusCode).toBe(200);
    expect(ids(result)).toEqual([idOf(1)]);
  });

  it('refuses intake and operator', async () => {
    for (const groups of [['intake'], ['operator']]) {
      const result = await call({ partnerId: 'FeDe' }, claimsFor(groups));
      expect(result.statusCode).toBe(403);
    }
  });
});
