import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOUSEHOLD_ID, household } from '../adapters/registry-fixtures.ts';
import { claimsFor, fakeContext, fakeEvent } from '../shared/fakes.ts';
import './handler-setup.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { handler as getHousehold } from '../../../functions/households/get-household.ts';
import { handler as getOpenApi } from '../../../functions/households/get-openapi.ts';
import { handler as listHouseholds } from '../../../functions/households/list-households.ts';
import { handler as listReviews } from '../../../functions/reviews/list-reviews.ts';

vi.mock('../../../config/pcodes.csv', async () => ({
  default: (await import('./handler-setup.ts')).pcodesCsv(),
}));

const dynamo = mockClient(documentClient);
afterEach(() => dynamo.reset());

const pk = `HH#${HOUSEHOLD_ID}`;
const partition = (partnerId?: string) => [
  {
    pk,
    sk: 'PROFILE',
    gsi1pk: 'SITE#SITE-SEVARE-01',
    ...household({ status: 'ELIGIBLE', ...(partnerId ? { partnerId } : {}) }),
    fingerprint: 'f',
  },
  {
    pk,
    sk: 'DECISION#2026-06-01T08:00:05.000Z',
    householdId: HOUSEHOLD_ID,
    outcome: 'ELIGIBLE',
    reasons: [{ code: 'RCSI_PHASE_3', params: { rcsiPhase: 3 } }],
    ruleSetVersion: 'mopti-2026-v1',
    decidedAt: '2026-06-01T08:00:05.000Z',
    decidedBy: 'rules',
  },
  {
    pk,
    sk: 'REVIEW#duplicate',
    reviewId: `${HOUSEHOLD_ID}-duplicate`,
    kind: 'duplicate',
    status: 'DECIDED',
    taskToken: 'secret-token',
  },
  { pk, sk: 'ALLOC#R1#FOOD', kit: 'FOOD' },
];

const get = (claims: Record<string, unknown>, id = HOUSEHOLD_ID, lang = 'en') =>
  getHousehold(
    fakeEvent({
      routeKey: 'GET /households/{id}',
      claims: claims as never,
      path: { id },
      headers: { 'accept-language': lang },
    }),
    fakeContext(),
  );
const json = (result: { body?: string }) => JSON.parse(String(result.body));

describe('GET /households/{id}', () => {
  it('shows the household, the decision with explained reasons, reviews and allocations', async () => {
    dynamo.on(QueryCommand).resolves({ Items: partition() });
    const result = await get(claimsFor(['intake']));
    expect(result.statusCode).toBe(200);
    const body = json(result);
    expect(body.household).toMatchObject({ householdId: HOUSEHOLD_ID, status: 'ELIGIBLE' });
    expect(body.household).not.toHaveProperty('fingerprint');
    expect(body.household).not.toHaveProperty('pk');
    expect(body.decision).toMatchObject({
      outcome: 'ELIGIBLE',
      ruleSetVersion: 'mopti-2026-v1',
      decidedBy: 'rules',
    });
    expect(body.decision.reasons[0]).toMatchObject({ code: 'RCSI_PHASE_3', message: expect.any(String) });
    expect(body.decision.reasons[0].message).not.toBe('RCSI_PHASE_3');
    expect(body.reviews).toEqual([
      { reviewId: `${HOUSEHOLD_ID}-duplicate`, kind: 'POSSIBLE_DUPLICATE', status: 'DECIDED' },
    ]);
    expect(body.allocations).toEqual([{ kit: 'FOOD' }]);
    expect(result.body).not.toContain('secret-token');
  });

  it('explains the reasons in French by default', async () => {
    dynamo.on(QueryCommand).resolves({ Items: partition() });
    const [fr, en] = [
      json(await get(claimsFor(['intake']), HOUSEHOLD_ID, 'fr')),
      json(await get(claimsFor(['intake']))),
    ];
    expect(fr.decision.reasons[0].message).not.toEqual(en.decision.reasons[0].message);
  });

  it('lets a partner read only its own households, and hides absence from others', async () => {
    dynamo.on(QueryCommand).resolves({ Items: partition('FeDe') });
    expect((await get(claimsFor(['partner'], { 'custom:partnerId': 'FeDe' }))).statusCode).toBe(200);
    expect((await get(claimsFor(['partner'], { 'custom:partnerId': 'AMSS' }))).statusCode).toBe(403);
    dynamo.reset();
    dynamo.on(QueryCommand).resolves({ Items: [] });
    expect((await get(claimsFor(['partner'], { 'custom:partnerId': 'AMSS' }))).statusCode).toBe(403);
    expect((await get(claimsFor(['supervisor']))).statusCode).toBe(404);
  });

  it('refuses a malformed id with 400 before reading anything', async () => {
    const result = await get(claimsFor(['intake']), 'not-an-id');
    expect(result.statusCode).toBe(400);
    expect(json(result).error.fields[0].path).toBe('path.id');
    expect(dynamo.calls()).toHaveLength(0);
  });
});

describe('GET /households', () => {
  const list = (query: Record<string, string>, claims: Record<string, unknown> = claimsFor(['intake'])) =>
    listHouseholds(fakeEvent({ routeKey: 'GET /households', claims: claims as never, query }), fakeContext());

  it('lists a site by status without personal names', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [partition()[0] as Record<string, unknown>] });
    const result = await list({ site: 'SITE-SEVARE-01', status: 'ELIGIBLE', limit: '10' });
    expect(result.statusCode).toBe(200);
    const body = json(result);
    expect(body.items).toEqual([
      expect.objectContaining({
        householdId: HOUSEHOLD_ID,
        status: 'ELIGIBLE',
        location: expect.any(Object),
      }),
    ]);
    expect(result.body).not.toContain('Aminata');
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({ Limit: 10 });
  });

  it('needs a site, a known status and a sane limit', async () => {
    const queries: Record<string, string>[] = [
      {},
      { site: 'S1', status: 'WHATEVER' },
      { site: 'S1', limit: '1000' },
      { site: 'S1', extra: 'x' },
    ];
    for (const query of queries) {
      expect((await list(query)).statusCode).toBe(400);
    }
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('shows a partner only its own rows', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    await list({ site: 'S1' }, claimsFor(['partner'], { 'custom:partnerId': 'FeDe' }));
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      FilterExpression: 'partnerId = :partnerId',
      ExpressionAttributeValues: { ':partnerId': 'FeDe' },
    });
  });
});

describe('GET /reviews', () => {
  const list = (claims: Record<string, unknown>, query: Record<string, string> = {}) =>
    listReviews(fakeEvent({ routeKey: 'GET /reviews', claims: claims as never, query }), fakeContext());

  it('gives supervisors the pending queue without task tokens', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [partition()[2] as Record<string, unknown>] });
    const result = await list(claimsFor(['supervisor']));
    expect(result.statusCode).toBe(200);
    expect(json(result).items).toEqual([
      { reviewId: `${HOUSEHOLD_ID}-duplicate`, kind: 'POSSIBLE_DUPLICATE', status: 'DECIDED' },
    ]);
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input.ExpressionAttributeValues).toEqual({
      ':pk': 'REVIEW#PENDING',
    });
  });

  it('is for supervisors only', async () => {
    expect((await list(claimsFor(['intake']))).statusCode).toBe(403);
    expect((await list(claimsFor(['partner'], { 'custom:partnerId': 'FeDe' }))).statusCode).toBe(403);
  });
});

describe('GET /openapi.json', () => {
  it('serves the OpenAPI 3.1 document without a token', async () => {
    const result = await getOpenApi(fakeEvent({ routeKey: 'GET /openapi.json' }), fakeContext());
    expect(result.statusCode).toBe(200);
    const document = json(result);
    expect(document.openapi).toMatch(/^3\.1/);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/households', '/reviews/{reviewId}/decision']),
    );
  });
});
