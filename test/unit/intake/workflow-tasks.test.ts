import { SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cancelled,
  conditionFailed,
  HOUSEHOLD_ID,
  household,
  OTHER_ID,
} from '../adapters/registry-fixtures.ts';
import { fakeContext } from '../shared/fakes.ts';
import './handler-setup.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { sfnClient } from '#shared/clients/sfn.ts';
import { handler as recordReviewDecision } from '../../../functions/intake/record-review-decision.ts';
import { handler as requestReview } from '../../../functions/intake/request-review.ts';
import { handler as screenHousehold } from '../../../functions/intake/screen-household.ts';

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

const auditActions = () =>
  dynamo
    .commandCalls(TransactWriteCommand)
    .flatMap((call) => call.args[0].input.TransactItems ?? [])
    // Each event is written twice (by entity and by day); the entity copy says the order.
    .filter(
      (entry) =>
        entry.Put?.TableName === 'audit-test' && String(entry.Put.Item?.['pk']).startsWith('ENTITY#'),
    )
    .map((entry) => entry.Put?.Item?.['action']);
const registryWrites = () =>
  dynamo
    .commandCalls(TransactWriteCommand)
    .filter((call) =>
      call.args[0].input.TransactItems?.some((entry) => entry.Put?.TableName !== 'audit-test'),
    );
const screen = (input: Record<string, unknown> = { householdId: HOUSEHOLD_ID }) =>
  screenHousehold(input, fakeContext());
const CREATED_AT = household().createdAt;

describe('task "Screen household"', () => {
  it('registers a new household under its identity, then decides it, auditing both steps', async () => {
    // Read by the screening, by deduplication, then (registered) by eligibility.
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: profile({ foodSecurity: { rcsi: 25 } }) })
      .resolvesOnce({ Item: profile({ foodSecurity: { rcsi: 25 } }) })
      .resolves({
        Item: profile({ status: 'REGISTERED', dedupe: { outcome: 'UNIQUE' }, foodSecurity: { rcsi: 25 } }),
      });
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await screen()).toEqual({
      householdId: HOUSEHOLD_ID,
      outcome: 'ELIGIBLE',
      reviewKind: null,
      matchHouseholdId: null,
      createdAt: CREATED_AT,
    });
    const [claim, , decision] = dynamo.commandCalls(TransactWriteCommand).map((call) => call.args[0].input);
    const [update, guard] = claim?.TransactItems ?? [];
    expect(update?.Update?.ExpressionAttributeValues?.[':status']).toBe('REGISTERED');
    expect(String(guard?.Put?.Item?.['pk'])).toMatch(/^GUARD#IDENTITY#[0-9a-f]{64}$/);
    // The guard key is a hash: no name in clear.
    expect(JSON.stringify(guard)).not.toMatch(/aminata|traor/i);
    expect(decision?.TransactItems?.[0]?.Put?.Item).toMatchObject({
      outcome: 'ELIGIBLE',
      decidedBy: 'rules',
      ruleSetVersion: 'mopti-2026-v1',
      reasons: [expect.objectContaining({ code: 'RCSI_PHASE_3' })],
    });
    expect(auditActions()).toEqual(['household.deduplicate:unique', 'household.decide-eligibility:eligible']);
  });

  it('asks for an eligibility review when the rules do, naming the kind', async () => {
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: profile({ foodSecurity: {} }) })
      .resolvesOnce({ Item: profile({ foodSecurity: {} }) })
      .resolves({
        Item: profile({ status: 'REGISTERED', dedupe: { outcome: 'UNIQUE' }, foodSecurity: {} }),
      });
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await screen()).toMatchObject({ outcome: 'REVIEW', reviewKind: 'eligibility' });
  });

  it('flags a near match for a duplicate review, registers the household and decides nothing yet', async () => {
    const alike = profile({
      householdId: OTHER_ID,
      status: 'ELIGIBLE',
      headOfHousehold: { ...household().headOfHousehold, givenName: 'Aminatta' },
    });
    dynamo.on(GetCommand).resolves({ Item: profile() });
    dynamo.on(QueryCommand).resolves({ Items: [alike] });
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await screen()).toEqual({
      householdId: HOUSEHOLD_ID,
      outcome: 'REVIEW',
      reviewKind: 'duplicate',
      matchHouseholdId: OTHER_ID,
      createdAt: CREATED_AT,
    });
    const [update] = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(update?.Update?.ExpressionAttributeValues?.[':status']).toBe('PENDING_REVIEW');
    expect(auditActions()).toEqual(['household.deduplicate:near-match']);
  });

  it('links an exact repeat to the holder of the identity', async () => {
    dynamo.on(GetCommand).resolves({ Item: { householdId: OTHER_ID } });
    dynamo.on(GetCommand, { Key: { pk: `HH#${HOUSEHOLD_ID}`, sk: 'PROFILE' } }).resolves({ Item: profile() });
    dynamo.on(QueryCommand).resolves({ Items: [] });
    // The identity claim is refused; the audit record that follows is written.
    dynamo.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'ConditionalCheckFailed')).resolves({});
    dynamo.on(UpdateCommand).resolves({});
    expect(await screen()).toMatchObject({
      outcome: 'DUPLICATE',
      reviewKind: null,
      matchHouseholdId: OTHER_ID,
    });
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

  it('answers a retry with the stored results, writing nothing to the registry', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    dynamo.on(GetCommand).resolves({
      Item: profile({
        status: 'ELIGIBLE',
        dedupe: { outcome: 'UNIQUE' },
        eligibility: { outcome: 'ELIGIBLE', ruleSetVersion: 'mopti-2026-v1' },
      }),
    });
    // A replay after the step stored its results (the engine lost its answer in a crash) goes on.
    expect(await screen()).toMatchObject({ outcome: 'ELIGIBLE', reviewKind: null });
    dynamo.on(GetCommand).resolves({
      Item: profile({ status: 'DUPLICATE', duplicateOf: OTHER_ID, dedupe: { outcome: 'UNIQUE' } }),
    });
    expect(await screen()).toMatchObject({ outcome: 'DUPLICATE', matchHouseholdId: OTHER_ID });
    dynamo.on(GetCommand).resolves({
      Item: profile({
        status: 'PENDING_REVIEW',
        dedupe: { outcome: 'UNIQUE' },
        eligibility: { outcome: 'REVIEW', ruleSetVersion: 'mopti-2026-v1' },
      }),
    });
    expect(await screen()).toMatchObject({ outcome: 'REVIEW', reviewKind: 'eligibility' });
    expect(registryWrites()).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('restores the status a failure interrupted when an operator restarts the intake, and goes on', async () => {
    const restored = profile({
      status: 'PENDING_REVIEW',
      dedupe: { outcome: 'NEAR_MATCH', matchHouseholdId: OTHER_ID },
    });
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: profile({ status: 'FAILED' }) })
      .resolves({ Item: restored });
    dynamo.on(UpdateCommand).resolves({ Attributes: restored });
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await screen()).toMatchObject({
      outcome: 'REVIEW',
      reviewKind: 'duplicate',
      matchHouseholdId: OTHER_ID,
    });
    const clear = dynamo.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(clear?.ConditionExpression).toBe('#status = :failed AND attribute_exists(statusBeforeFailure)');
    expect(clear?.UpdateExpression).toBe(
      'SET #status = statusBeforeFailure, gsi1sk = gsi1skBeforeFailure, updatedAt = :at REMOVE statusBeforeFailure, gsi1skBeforeFailure, failure',
    );
    expect(registryWrites()).toHaveLength(0);
  });

  it('starts the dispatch again for a household whose kit dispatch failed to start', async () => {
    dynamo.on(GetCommand).resolves({ Item: profile({ status: 'FAILED' }) });
    dynamo.on(UpdateCommand).resolves({ Attributes: profile({ status: 'ELIGIBLE' }) });
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await screen()).toMatchObject({ outcome: 'ELIGIBLE', reviewKind: null });
    // The one transaction is the audit record of the restored status, nothing else is written.
    const writes = dynamo.commandCalls(TransactWriteCommand);
    expect(writes).toHaveLength(1);
    expect(JSON.stringify(writes[0]!.args[0].input)).toContain('household.workflow-failure:cleared');
  });

  it('fails by name when a FAILED household has no status to restore', async () => {
    dynamo.on(GetCommand).resolves({ Item: profile({ status: 'FAILED' }) });
    dynamo.on(UpdateCommand).rejects(conditionFailed());
    await expect(screen()).rejects.toMatchObject({ name: 'HouseholdStateError' });
  });

  it('reports a household that is missing as not received, writing nothing', async () => {
    dynamo.on(GetCommand).resolves({});
    expect(await screen()).toEqual({
      householdId: HOUSEHOLD_ID,
      outcome: 'NOT_RECEIVED',
      reviewKind: null,
      matchHouseholdId: null,
      createdAt: null,
    });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('fails by name, without data, on a bad input', async () => {
    await expect(screen({ householdId: HOUSEHOLD_ID, name: 'Aminata' })).rejects.toMatchObject({
      name: 'InvalidTaskInputError',
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
    expect(result).toEqual({ householdId: HOUSEHOLD_ID, outcome: 'ELIGIBLE', reviewKind: null });
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
    expect(result).toEqual({ householdId: HOUSEHOLD_ID, outcome: 'DUPLICATE', reviewKind: null });
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':status': 'DUPLICATE',
      ':original': OTHER_ID,
    });
  });

  it('goes on to eligibility once a possible duplicate is ruled distinct', async () => {
    dynamo
      .on(GetCommand)
      .resolves({ Item: profile({ status: 'PENDING_REVIEW', dedupe: { outcome: 'NEAR_MATCH' } }) });
    dynamo
      .on(GetCommand, { Key: { pk: `HH#${HOUSEHOLD_ID}`, sk: 'REVIEW#duplicate' } })
      .resolves(review('duplicate', 'NOT_DUPLICATE'));
    dynamo.on(UpdateCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    const result = await recordReviewDecision(
      { householdId: HOUSEHOLD_ID, kind: 'duplicate' },
      fakeContext(),
    );
    expect(result).toEqual({ householdId: HOUSEHOLD_ID, outcome: 'ELIGIBLE', reviewKind: null });
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ExpressionAttributeValues?.[':status']).toBe(
      'REGISTERED',
    );
    expect(auditActions()).toEqual([
      'household.apply-review:not-duplicate',
      'household.decide-eligibility:eligible',
    ]);
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
