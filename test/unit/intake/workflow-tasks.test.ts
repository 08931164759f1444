import { SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { cancelled, HOUSEHOLD_ID, household, OTHER_ID } from '../adapters/registry-fixtures.ts';
import { fakeContext } from '../shared/fakes.ts';
import './handler-setup.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { sfnClient } from '#shared/clients/sfn.ts';
import { handler as decideEligibility } from '../../../functions/intake/decide-eligibility.ts';
import { handler as deduplicate } from '../../../functions/intake/deduplicate.ts';
import { handler as recordReviewDecision } from '../../../functions/intake/record-review-decision.ts';
import { handler as requestReview } from '../../../functions/intake/request-review.ts';

const dynamo = mockClient(documentClient);
const sfn = mockClient(sfnClient as SFNClient);
afterEach(() => {
  dynamo.reset();
  sfn.reset();
});

const item = (record: Record<string, unknown>) => ({
  pk: `HH#${record['householdId']}`,
  sk: 'PROFILE',
  ...record,
});
const profile = (overrides = {}) => item(household(overrides) as unknown as Record<string, unknown>);

describe('task "Deduplicate"', () => {
  it('claims the identity of a new household and reports it UNIQUE', async () => {
    dynamo.on(GetCommand).resolves({ Item: profile() });
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(TransactWriteCommand).resolves({});
    const result = await deduplicate({ householdId: HOUSEHOLD_ID }, fakeContext());
    expect(result).toEqual({ householdId: HOUSEHOLD_ID, outcome: 'UNIQUE', matchHouseholdId: null });
    const [update, guard] = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(update?.Update?.ExpressionAttributeValues?.[':status']).toBe('REGISTERED');
    expect(String(guard?.Put?.Item?.['pk'])).toMatch(/^GUARD#IDENTITY#[0-9a-f]{64}$/);
    // The guard key is a hash: no name in clear.
    expect(JSON.stringify(guard)).not.toMatch(/aminata|traor/i);
  });

  it('flags a near match for review and still registers the household', async () => {
    const alike = profile({
      householdId: OTHER_ID,
      status: 'ELIGIBLE',
      headOfHousehold: { ...household().headOfHousehold, givenName: 'Aminatta' },
    });
    dynamo.on(GetCommand).resolves({ Item: profile() });
    dynamo.on(QueryCommand).resolves({ Items: [alike] });
    dynamo.on(TransactWriteCommand).resolves({});
    const result = await deduplicate({ householdId: HOUSEHOLD_ID }, fakeContext());
    expect(result).toEqual({ householdId: HOUSEHOLD_ID, outcome: 'NEAR_MATCH', matchHouseholdId: OTHER_ID });
    const [update] = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(update?.Update?.ExpressionAttributeValues?.[':status']).toBe('PENDING_REVIEW');
  });

  it('links an exact repeat to the holder of the identity', async () => {
    dynamo.on(GetCommand).resolves({ Item: { householdId: OTHER_ID } });
    dynamo.on(GetCommand, { Key: { pk: `HH#${HOUSEHOLD_ID}`, sk: 'PROFILE' } }).resolves({ Item: profile() });
    dynamo.on(QueryCommand).resolves({ Items: [] });
    // The identity claim is refused; the audit record that follows is written.
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'ConditionalCheckFailed')).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    const result = await deduplicate({ householdId: HOUSEHOLD_ID }, fakeContext());
    expect(result).toEqual({ householdId: HOUSEHOLD_ID, outcome: 'DUPLICATE', matchHouseholdId: OTHER_ID });
    const audit = dynamo.commandCalls(TransactWriteCommand)[1]?.args[0].input.TransactItems?.[0]?.Put?.Item;
    expect(audit).toMatchObject({
      action: 'household.deduplicate:duplicate',
      entityId: HOUSEHOLD_ID,
      relatedIds: { matchHouseholdId: OTHER_ID },
      actor: 'workflow:intake',
    });
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues?.[':status']).toBe(
      'DUPLICATE',
    );
  });

  it('answers a retry with the stored result, writing nothing to the registry', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo
      .on(GetCommand)
      .resolves({ Item: profile({ status: 'REGISTERED', dedupe: { outcome: 'UNIQUE' } }) });
    expect(await deduplicate({ householdId: HOUSEHOLD_ID }, fakeContext())).toMatchObject({
      outcome: 'UNIQUE',
    });
    // Only the audit trail records the repeated step.
    const tables = dynamo
      .commandCalls(TransactWriteCommand)
      .flatMap((call) => call.args[0].input.TransactItems?.map((item) => item.Put?.TableName) ?? []);
    expect(new Set(tables)).toEqual(new Set(['audit-test']));
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('fails by name, without data, on a bad input or a missing household', async () => {
    await expect(
      deduplicate({ householdId: HOUSEHOLD_ID, name: 'Aminata' }, fakeContext()),
    ).rejects.toMatchObject({
      name: 'InvalidTaskInputError',
    });
    dynamo.on(GetCommand).resolves({});
    const missing = deduplicate({ householdId: HOUSEHOLD_ID }, fakeContext());
    await expect(missing).rejects.toMatchObject({ name: 'HouseholdMissingError' });
  });
});

describe('task "Decide eligibility"', () => {
  it('stores the rules decision with reasons and version, and returns the outcome code only', async () => {
    dynamo.on(GetCommand).resolves({ Item: profile({ status: 'REGISTERED', foodSecurity: { rcsi: 25 } }) });
    dynamo.on(TransactWriteCommand).resolves({});
    const result = await decideEligibility({ householdId: HOUSEHOLD_ID }, fakeContext());
    expect(result).toEqual({
      householdId: HOUSEHOLD_ID,
      outcome: 'ELIGIBLE',
      ruleSetVersion: 'mopti-2026-v1',
    });
    const [decision] = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(decision?.Put?.Item).toMatchObject({
      outcome: 'ELIGIBLE',
      decidedBy: 'rules',
      ruleSetVersion: 'mopti-2026-v1',
      reasons: [expect.objectContaining({ code: 'RCSI_PHASE_3' })],
    });
  });

  it('refuses a household that is not registered', async () => {
    dynamo.on(GetCommand).resolves({ Item: profile({ status: 'RECEIVED' }) });
    await expect(decideEligibility({ householdId: HOUSEHOLD_ID }, fakeContext())).rejects.toMatchObject({
      name: 'HouseholdStateError',
    });
  });
});

describe('task "Wait for supervisor review"', () => {
  const input = {
    householdId: HOUSEHOLD_ID,
    kind: 'eligibility',
    candidateHouseholdId: null,
    taskToken: 'tok-2',
  };

  it('parks the task token on the review, with the reasons of the rules', async () => {
    dynamo.on(QueryCommand).resolves({
      Items: [
        profile({ status: 'PENDING_REVIEW' }),
        {
          pk: 'p',
          sk: 'DECISION#t',
          outcome: 'REVIEW',
          reasons: [{ code: 'NO_FOOD_SECURITY_DATA', params: {} }],
        },
      ],
    });
    dynamo
      .on(UpdateCommand)
      .resolves({ Attributes: { reviewId: `${HOUSEHOLD_ID}-eligibility`, status: 'PENDING' } });
    expect(await requestReview(input, fakeContext())).toEqual({ reviewId: `${HOUSEHOLD_ID}-eligibility` });
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':token': 'tok-2',
      ':site': 'SITE-SEVARE-01',
      ':reasons': [{ code: 'NO_FOOD_SECURITY_DATA', params: {} }],
    });
    expect(sfn.calls()).toHaveLength(0);
  });

  it('answers the new token at once when the supervisor decided between two waits', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [profile({ status: 'PENDING_REVIEW' })] });
    dynamo.on(UpdateCommand).resolves({
      Attributes: { reviewId: `${HOUSEHOLD_ID}-eligibility`, status: 'DECIDED', decision: 'INELIGIBLE' },
    });
    sfn.on(SendTaskSuccessCommand).resolves({});
    await requestReview(input, fakeContext());
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input).toEqual({
      taskToken: 'tok-2',
      output: JSON.stringify({ decision: 'INELIGIBLE' }),
    });
  });
});

describe('task "Record supervisor decision"', () => {
  const review = (kind: string, decision: string) => ({
    Item: {
      reviewId: `${HOUSEHOLD_ID}-${kind}`,
      householdId: HOUSEHOLD_ID,
      kind,
      status: 'DECIDED',
      decision,
      decidedAt: '2026-06-02T10:00:00.000Z',
      candidateHouseholdId: OTHER_ID,
    },
  });

  it('turns an eligibility ruling into a supervisor decision keyed by the ruling time', async () => {
    dynamo.on(GetCommand).resolves({ Item: profile({ status: 'PENDING_REVIEW' }) });
    dynamo
      .on(GetCommand, { Key: { pk: `HH#${HOUSEHOLD_ID}`, sk: 'REVIEW#eligibility' } })
      .resolves(review('eligibility', 'ELIGIBLE'));
    dynamo.on(QueryCommand).resolves({
      Items: [
        profile(),
        { pk: 'p', sk: 'DECISION#t', decidedBy: 'rules', ruleSetVersion: 'mopti-2026-v1', reasons: [] },
      ],
    });
    dynamo.on(TransactWriteCommand).resolves({});
    const result = await recordReviewDecision(
      { householdId: HOUSEHOLD_ID, kind: 'eligibility' },
      fakeContext(),
    );
    expect(result).toEqual({ householdId: HOUSEHOLD_ID, outcome: 'ELIGIBLE' });
    const [decision, status] =
      dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(decision?.Put?.Item).toMatchObject({
      sk: 'DECISION#2026-06-02T10:00:00.000Z',
      decidedBy: 'supervisor',
      ruleSetVersion: 'mopti-2026-v1',
      reviewId: `${HOUSEHOLD_ID}-eligibility`,
      reasons: [{ code: 'SUPERVISOR_ELIGIBLE', params: { reviewId: `${HOUSEHOLD_ID}-eligibility` } }],
    });
    expect(status?.Update?.ExpressionAttributeValues?.[':status']).toBe('ELIGIBLE');
    const audit = dynamo.commandCalls(TransactWriteCommand)[1]?.args[0].input.TransactItems?.[0]?.Put?.Item;
    expect(audit).toMatchObject({
      action: 'household.apply-review:eligible',
      relatedIds: { reviewId: `${HOUSEHOLD_ID}-eligibility` },
    });
  });

  it('links a confirmed duplicate to the candidate', async () => {
    dynamo.on(GetCommand).resolves({ Item: profile({ status: 'PENDING_REVIEW' }) });
    dynamo
      .on(GetCommand, { Key: { pk: `HH#${HOUSEHOLD_ID}`, sk: 'REVIEW#duplicate' } })
      .resolves(review('duplicate', 'DUPLICATE'));
    dynamo.on(UpdateCommand).resolves({});
    const result = await recordReviewDecision(
      { householdId: HOUSEHOLD_ID, kind: 'duplicate' },
      fakeContext(),
    );
    expect(result).toEqual({ householdId: HOUSEHOLD_ID, outcome: 'DUPLICATE' });
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':status': 'DUPLICATE',
      ':original': OTHER_ID,
    });
  });

  it('fails with ReviewNotDecidedError when the review holds no fitting decision', async () => {
    dynamo.on(GetCommand).resolves(review('duplicate', 'ELIGIBLE'));
    await expect(
      recordReviewDecision({ householdId: HOUSEHOLD_ID, kind: 'duplicate' }, fakeContext()),
    ).rejects.toMatchObject({
      name: 'ReviewNotDecidedError',
    });
  });
});
