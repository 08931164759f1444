import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { protectionStore } from '../../../functions/adapters/protection/protection-store.ts';
import { awaitStep } from '../../../functions/gbv/tasks/await-step.ts';
import { checkDue, FOLLOW_UPS_OVERDUE_METRIC } from '../../../functions/gbv/tasks/check-due.ts';
import { planCaseReferrals } from '../../../functions/gbv/tasks/plan-referrals.ts';
import { PROGRAMME_METRICS } from '../../../infra/constructs/monitoring.ts';
import { aCase, aReferral, CASE_ID, REFERRAL_ID } from './gbv-setup.ts';

const dynamo = mockClient(documentClient);
const store = protectionStore({ client: documentClient });
const transactItems = () =>
  dynamo.commandCalls(TransactWriteCommand).flatMap((c) => c.args[0].input.TransactItems ?? []);
const getReturns = (items: Record<string, unknown>) =>
  dynamo.on(GetCommand).callsFake((input: { Key: { pk: string; sk: string } }) => ({
    Item: items[`${input.Key.pk}|${input.Key.sk}`],
  }));

beforeEach(() => {
  dynamo.on(TransactWriteCommand).resolves({});
  dynamo.on(QueryCommand).resolves({ Items: [] });
});
afterEach(() => dynamo.reset());

describe('plan referrals task', () => {
  it('refers consented services only, records the rest as withheld, returns ids only', async () => {
    getReturns({ [`CASE#${CASE_ID}|CASE`]: aCase() });
    let n = 0;
    const result = await planCaseReferrals(
      { store, newId: () => `01JD3Q4Z5X6Y7W8V9T0S1R2QB${n++}` },
      CASE_ID,
      'req-1',
    );
    expect(result).toEqual({ referralIds: ['01JD3Q4Z5X6Y7W8V9T0S1R2QB0'] });
    const referral = transactItems().find((i) => i.Put?.Item?.['sk'] === 'REFERRAL')?.Put?.Item;
    expect(referral).toMatchObject({
      service: 'PSYCHOSOCIAL',
      partnerId: 'FeDe',
      basis: 'CONSENT',
      gsi1pk: `CASE#${CASE_ID}`,
    });
    // Its entry in the receiving partner's inbox (GET /gbv/referrals), in the same transaction.
    expect(transactItems().find((i) => i.Put?.Item?.['sk'] === 'INBOX')?.Put?.Item).toEqual({
      pk: 'REFERRAL#01JD3Q4Z5X6Y7W8V9T0S1R2QB0',
      sk: 'INBOX',
      gsi1pk: 'PARTNER#FeDe',
      gsi1sk: 'REFERRAL#01JD3Q4Z5X6Y7W8V9T0S1R2QB0',
      referralId: '01JD3Q4Z5X6Y7W8V9T0S1R2QB0',
      partnerId: 'FeDe',
    });
    const caseUpdate = transactItems().find((i) => i.Update)?.Update;
    expect(Object.values(caseUpdate?.ExpressionAttributeValues ?? {})).toContainEqual([
      { service: 'HEALTH', reason: 'NO_CONSENT' },
    ]);
  });

  it('plans the urgent health referral first with the 1-hour timeframe', async () => {
    getReturns({
      [`CASE#${CASE_ID}|CASE`]: aCase({
        incidentType: 'RAPE',
        incidentDate: '2026-11-19',
        reportedAt: '2026-11-20T10:00:00Z',
        consents: [
          { service: 'PSYCHOSOCIAL', partnerId: 'FeDe', granted: true },
          { service: 'HEALTH', partnerId: 'AMSS', granted: true },
        ],
      }),
    });
    let n = 0;
    await planCaseReferrals({ store, newId: () => `01JD3Q4Z5X6Y7W8V9T0S1R2QB${n++}` }, CASE_ID, 'req-1');
    const referrals = transactItems()
      .filter((i) => i.Put?.Item?.['sk'] === 'REFERRAL')
      .map((i) => i.Put?.Item);
    expect(referrals.map((r) => [r?.['service'], r?.['timeframe'], r?.['urgent']])).toEqual([
      ['HEALTH', 'PT1H', true],
      ['PSYCHOSOCIAL', 'P3D', false],
    ]);
  });

  it('hands a retry the referrals planned but not sent, and plans no service twice', async () => {
    getReturns({ [`CASE#${CASE_ID}|CASE`]: aCase() });
    dynamo.on(QueryCommand).resolves({ Items: [aReferral({ sentAt: null, dueAt: null, waiting: null })] });
    expect(await planCaseReferrals({ store }, CASE_ID, 'req-2')).toEqual({ referralIds: [REFERRAL_ID] });
    expect(transactItems().filter((i) => i.Put?.Item?.['sk'] === 'REFERRAL')).toEqual([]);
  });

  it('plans a withheld service once a supervisor override covers it', async () => {
    getReturns({
      [`CASE#${CASE_ID}|CASE`]: aCase({
        overrides: [{ service: 'HEALTH', partnerId: 'AMSS', supervisorId: 'sup', reason: 'r' }],
      }),
    });
    dynamo.on(QueryCommand).resolves({ Items: [aReferral({ status: 'DONE', waiting: null })] });
    const result = await planCaseReferrals(
      { store, newId: () => '01JD3Q4Z5X6Y7W8V9T0S1R2QC0' },
      CASE_ID,
      'req-3',
    );
    expect(result).toEqual({ referralIds: ['01JD3Q4Z5X6Y7W8V9T0S1R2QC0'] });
    const referral = transactItems().find((i) => i.Put?.Item?.['sk'] === 'REFERRAL')?.Put?.Item;
    expect(referral).toMatchObject({ service: 'HEALTH', partnerId: 'AMSS', basis: 'SUPERVISOR_OVERRIDE' });
  });
});

describe('await step task', () => {
  const input = {
    caseId: CASE_ID,
    referralId: REFERRAL_ID,
    step: 'PARTNER_RESPONSE' as const,
    at: '2026-11-20T10:06:00.000Z',
    taskToken: 'tok',
  };

  it('parks the token and starts the response timeframe the first time', async () => {
    getReturns({
      [`REFERRAL#${REFERRAL_ID}|REFERRAL`]: aReferral({
        sentAt: null,
        dueAt: null,
        timeframe: 'PT1H',
        waiting: null,
      }),
    });
    await awaitStep({ store }, input);
    const values = transactItems()[0]?.Update?.ExpressionAttributeValues ?? {};
    expect(Object.values(values)).toContainEqual({
      step: 'PARTNER_RESPONSE',
      taskToken: 'tok',
      since: input.at,
    });
    expect(Object.values(values)).toContain('2026-11-20T11:06:00.000Z');
  });

  it('fails at once with ReferralRevokedError for a revoked referral', async () => {
    getReturns({ [`REFERRAL#${REFERRAL_ID}|REFERRAL`]: aReferral({ status: 'REVOKED', waiting: null }) });
    await expect(awaitStep({ store }, input)).rejects.toMatchObject({ name: 'ReferralRevokedError' });
  });
});

describe('check due task', () => {
  it('returns an unanswered referral past its due date to the caseworker', async () => {
    getReturns({ [`REFERRAL#${REFERRAL_ID}|REFERRAL`]: aReferral() });
    const early = await checkDue(
      { store, countOverdue: () => undefined },
      { caseId: CASE_ID, referralId: REFERRAL_ID, step: 'PARTNER_RESPONSE', at: '2026-11-22T10:00:00Z' },
      'req',
    );
    expect(early).toEqual({ due: false });
    const late = await checkDue(
      { store, countOverdue: () => undefined },
      { caseId: CASE_ID, referralId: REFERRAL_ID, step: 'PARTNER_RESPONSE', at: '2026-11-23T10:07:00Z' },
      'req',
    );
    expect(late).toEqual({ due: true });
    expect(Object.values(transactItems()[0]?.Update?.ExpressionAttributeValues ?? {})).toContain('NO_ANSWER');
  });

  it('flags a missed follow-up once and counts it at every check', async () => {
    let counted = 0;
    const deps = { store, countOverdue: () => void counted++ };
    const check = {
      caseId: CASE_ID,
      referralId: null,
      step: 'FOLLOW_UP' as const,
      at: '2026-11-23T12:00:00Z',
    };
    getReturns({ [`CASE#${CASE_ID}|CASE`]: aCase() });
    expect(await checkDue(deps, check, 'req')).toEqual({ due: true });
    getReturns({
      [`CASE#${CASE_ID}|CASE`]: aCase({
        overdueFollowUp: { dueAt: '2026-11-23T10:05:00Z', markedAt: check.at },
      }),
    });
    expect(await checkDue(deps, check, 'req')).toEqual({ due: true });
    expect(counted).toBe(2);
    expect(transactItems().filter((i) => i.Update)).toHaveLength(1);
  });
});

describe('overdue metric', () => {
  it('is the one the follow-ups-overdue alarm watches', () => {
    expect(FOLLOW_UPS_OVERDUE_METRIC).toBe(PROGRAMME_METRICS.followUpsOverdue);
  });
});
