import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { parseReviewId, reviewIdOf } from '../../../functions/adapters/registry/keys.ts';
import { createReviewStore } from '../../../functions/adapters/registry/review-store.ts';
import { conditionFailed, documentClient, HOUSEHOLD_ID, OTHER_ID, TABLE } from './registry-fixtures.ts';

const dynamo = mockClient(documentClient);
const store = createReviewStore(documentClient, TABLE);
const AT = '2026-06-03T08:00:00.000Z';
const REVIEW_ID = `${HOUSEHOLD_ID}-duplicate`;

afterEach(() => dynamo.reset());

describe('review ids', () => {
  it('name the household and the kind, and parse back', () => {
    expect(reviewIdOf(HOUSEHOLD_ID, 'eligibility')).toBe(`${HOUSEHOLD_ID}-eligibility`);
    expect(parseReviewId(REVIEW_ID)).toEqual({ householdId: HOUSEHOLD_ID, kind: 'duplicate' });
  });

  it('refuse anything else', () => {
    for (const id of ['', 'x-duplicate', `${HOUSEHOLD_ID}-other`, `${HOUSEHOLD_ID}`, `-duplicate`]) {
      expect(parseReviewId(id)).toBeUndefined();
    }
  });
});

describe('review store: open', () => {
  const request = {
    householdId: HOUSEHOLD_ID,
    kind: 'duplicate' as const,
    site: 'S1',
    taskToken: 'token-1',
    at: AT,
    candidateHouseholdId: OTHER_ID,
  };

  it('opens a PENDING review, or stores a new token on one still pending', async () => {
    dynamo
      .on(UpdateCommand)
      .resolves({ Attributes: { pk: 'x', sk: 'y', reviewId: REVIEW_ID, status: 'PENDING' } });
    const review = await store.open(request);
    expect(review).toEqual({ reviewId: REVIEW_ID, status: 'PENDING' });
    const input = dynamo.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.Key).toEqual({ pk: `HH#${HOUSEHOLD_ID}`, sk: 'REVIEW#duplicate' });
    expect(input?.ConditionExpression).toBe('attribute_not_exists(pk) OR #status = :pending');
    expect(input?.UpdateExpression).toContain('#status = if_not_exists(#status, :pending)');
    expect(input?.UpdateExpression).toContain('gsi1sk = if_not_exists(gsi1sk, :gsi1sk)');
    expect(input?.ExpressionAttributeValues).toMatchObject({
      ':token': 'token-1',
      ':gsi1pk': 'REVIEW#PENDING',
      ':gsi1sk': `${AT}#${REVIEW_ID}`,
      ':candidate': OTHER_ID,
    });
  });

  it('returns a review decided meanwhile untouched', async () => {
    const decided = { pk: 'x', sk: 'y', reviewId: REVIEW_ID, status: 'DECIDED', decision: 'NOT_DUPLICATE' };
    dynamo.on(UpdateCommand).rejects(conditionFailed(decided));
    expect(await store.open(request)).toEqual({
      reviewId: REVIEW_ID,
      status: 'DECIDED',
      decision: 'NOT_DUPLICATE',
    });
  });
});

describe('review store: decide', () => {
  const decision = { decision: 'DUPLICATE' as const, note: 'same person', decidedBy: 'sup-1', at: AT };

  it('records a decision only on a PENDING review and moves it in the queue index', async () => {
    dynamo
      .on(UpdateCommand)
      .resolves({ Attributes: { reviewId: REVIEW_ID, status: 'DECIDED', taskToken: 't' } });
    const result = await store.decide(REVIEW_ID, decision);
    expect(result).toEqual({ ok: true, review: { reviewId: REVIEW_ID, status: 'DECIDED', taskToken: 't' } });
    const input = dynamo.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe('#status = :pending');
    expect(input?.ExpressionAttributeValues).toMatchObject({
      ':status': 'DECIDED',
      ':decision': 'DUPLICATE',
      ':gsi1pk': 'REVIEW#DECIDED',
      ':note': 'same person',
      ':by': 'sup-1',
    });
  });

  it('tells an already-decided review from a missing one', async () => {
    dynamo.on(UpdateCommand).rejects(conditionFailed({ reviewId: REVIEW_ID, status: 'DECIDED' }));
    expect(await store.decide(REVIEW_ID, decision)).toMatchObject({ ok: false, reason: 'already-decided' });
    dynamo.reset();
    dynamo.on(UpdateCommand).rejects(conditionFailed());
    expect(await store.decide(REVIEW_ID, decision)).toEqual({ ok: false, reason: 'not-found' });
    expect(await store.decide('nonsense', decision)).toEqual({ ok: false, reason: 'not-found' });
  });
});

describe('review store: reads', () => {
  it('gets a review by id without an index', async () => {
    dynamo.on(GetCommand).resolves({ Item: { pk: 'p', sk: 's', reviewId: REVIEW_ID } });
    expect(await store.get(REVIEW_ID)).toEqual({ reviewId: REVIEW_ID });
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input.Key).toEqual({
      pk: `HH#${HOUSEHOLD_ID}`,
      sk: 'REVIEW#duplicate',
    });
    expect(await store.get('bad id')).toBeUndefined();
  });

  it('lists the queue of a status, oldest first', async () => {
    dynamo
      .on(QueryCommand)
      .resolves({ Items: [{ pk: 'p', sk: 's', gsi1pk: 'g', gsi1sk: 'h', reviewId: REVIEW_ID }] });
    const page = await store.listByStatus({ status: 'PENDING', limit: 10 });
    expect(page).toEqual({ items: [{ reviewId: REVIEW_ID }], nextCursor: undefined });
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      IndexName: 'GSI1',
      ExpressionAttributeValues: { ':pk': 'REVIEW#PENDING' },
    });
  });
});
