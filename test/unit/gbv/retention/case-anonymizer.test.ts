import { QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { gbvStatistics } from '../../../../functions/domain/gbv/statistics.ts';
import { retentionActor } from '../../../../functions/gbv/retention/anonymize-expired-cases.ts';
import { ANONYMIZED_CODE, scrubCase } from '../../../../functions/gbv/retention/anonymized-fields.ts';
import { anonymizeCase } from '../../../../functions/gbv/retention/case-anonymizer.ts';
import { aCase, aReferral, CASE_ID, REFERRAL_ID } from '../gbv-setup.ts';

const dynamo = mockClient(documentClient);
const deps = {
  client: documentClient,
  protectionTable: 'protection-test',
  auditTable: 'audit-test',
  now: () => new Date('2027-12-01T00:00:00.000Z'),
  newId: () => '01JD3Q4Z5X6Y7W8V9T0S1R2QZZ',
};
const input = { caseId: CASE_ID, actor: retentionActor('req-retention-1') };

/** What a survivor, a caseworker or a partner wrote: none of it may be sent anywhere by the anonymizer. */
const PERSONAL = [
  'Aminata Traoré',
  '+223 70 12 34 56',
  'Quartier Komoguel',
  'lives with her aunt',
  'SV-7KMN-QA3CX',
];
const FREE_TEXT = [
  'Home visit with Aminata',
  'Seen by Dr Keita',
  'Aminata moved to Sévaré',
  'Husband threatened',
];

const closedCase = (overrides: Record<string, unknown> = {}) => ({
  pk: `CASE#${CASE_ID}`,
  sk: 'CASE',
  gsi1pk: 'CASES',
  gsi1sk: `2026-11-20T10:05:00Z#${CASE_ID}`,
  ...aCase({
    status: 'CLOSED',
    overrides: [{ service: 'HEALTH', partnerId: 'AMSS', supervisorId: 'sup-1', reason: FREE_TEXT[3]! }],
    closure: {
      reason: 'NEEDS_MET',
      requestedAt: '2026-11-28T10:00:00Z',
      requestedBy: 'user-1',
      note: FREE_TEXT[2]!,
      decision: 'APPROVE',
      decidedAt: '2026-11-28T11:00:00Z',
      decidedBy: 'sup-1',
    },
  }),
  closedAt: '2026-11-28T11:00:01Z',
  ...overrides,
});
const identity = {
  pk: `CASE#${CASE_ID}`,
  sk: 'IDENTITY',
  name: PERSONAL[0],
  phone: PERSONAL[1],
  address: PERSONAL[2],
  notes: PERSONAL[3],
  ageYears: 24,
};
const followUp = {
  pk: `CASE#${CASE_ID}`,
  sk: 'FOLLOWUP#2026-11-25T09:00:00Z#01JD3Q4Z5X6Y7W8V9T0S1R2QF1',
  followUpId: '01JD3Q4Z5X6Y7W8V9T0S1R2QF1',
  caseId: CASE_ID,
  recordedAt: '2026-11-25T09:00:00Z',
  recordedBy: 'user-1',
  visitDate: '2026-11-25',
  actionTaken: FREE_TEXT[0],
  needsMet: true,
  progress: { safety: 'ACHIEVED', health: 'ACHIEVED', psychosocial: 'IN_PROGRESS', justice: 'NOT_STARTED' },
  anotherVisitNeeded: false,
  recommendClosure: true,
};
const referral = {
  pk: `REFERRAL#${REFERRAL_ID}`,
  sk: 'REFERRAL',
  gsi1pk: `CASE#${CASE_ID}`,
  gsi1sk: `REFERRAL#${REFERRAL_ID}`,
  ...aReferral({
    status: 'DONE',
    waiting: null,
    responseNote: FREE_TEXT[1]!,
    implementationNote: FREE_TEXT[1]!,
  }),
};

const stored = (caseItem: Record<string, unknown>, referrals: Record<string, unknown>[] = [referral]) =>
  dynamo.on(QueryCommand).callsFake((query: { IndexName?: string; KeyConditionExpression: string }) => {
    if (query.IndexName === 'GSI1') return { Items: referrals };
    if (query.KeyConditionExpression.includes('sk = :sk')) return { Items: [caseItem] };
    return { Items: [caseItem, identity, followUp] };
  });
const sent = () => JSON.stringify(dynamo.calls().map((call) => call.args[0].input));
const writes = () => [...dynamo.commandCalls(UpdateCommand), ...dynamo.commandCalls(TransactWriteCommand)];

beforeEach(() => {
  dynamo.on(UpdateCommand).resolves({});
  dynamo.on(TransactWriteCommand).resolves({});
});
afterEach(() => dynamo.reset());

describe('anonymizeCase', () => {
  it('scrubs the case, its referrals and follow-ups, deletes the identifying details and audits it, in that order', async () => {
    stored(closedCase());
    const outcome = await anonymizeCase(deps, input);
    expect(outcome).toEqual({ kind: 'anonymized', referrals: 1, followUps: 1, identityRemoved: true });

    const updates = dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    const referralUpdate = updates.find((u) => u.Key?.pk === referral.pk)!;
    expect(referralUpdate.UpdateExpression).toMatch(/^SET .* REMOVE /);
    expect(Object.values(referralUpdate.ExpressionAttributeNames ?? {})).toEqual(
      expect.arrayContaining(['survivorCode', 'responseNote', 'implementationNote', 'waiting']),
    );
    expect(referralUpdate.ExpressionAttributeValues).toMatchObject({ ':s0': ANONYMIZED_CODE });
    const followUpUpdate = updates.find((u) => u.Key?.sk === followUp.sk)!;
    expect(followUpUpdate.UpdateExpression).toBe('REMOVE #r0');
    expect(followUpUpdate.ExpressionAttributeNames).toEqual({ '#r0': 'actionTaken' });

    const [transaction] = dynamo.commandCalls(TransactWriteCommand);
    const items = transaction!.args[0].input.TransactItems ?? [];
    const caseUpdate = items[0]!.Update!;
    expect(caseUpdate.Key).toEqual({ pk: `CASE#${CASE_ID}`, sk: 'CASE' });
    expect(caseUpdate.ConditionExpression).toBe('attribute_not_exists(#anonymizedAt) AND #status = :closed');
    const values = caseUpdate.ExpressionAttributeValues ?? {};
    expect(Object.values(values)).toEqual(
      expect.arrayContaining([
        ANONYMIZED_CODE,
        '2027-12-01T00:00:00.000Z',
        [{ service: 'HEALTH', partnerId: 'AMSS', supervisorId: 'sup-1' }],
        expect.objectContaining({ reason: 'NEEDS_MET', decision: 'APPROVE', decidedBy: 'sup-1' }),
      ]),
    );
    expect(items[1]).toEqual({
      Delete: { TableName: 'protection-test', Key: { pk: `CASE#${CASE_ID}`, sk: 'IDENTITY' } },
    });
    const audit = items.slice(2).map((i) => i.Put?.Item);
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      pk: `ENTITY#gbv-case#${CASE_ID}`,
      action: 'gbv-case.anonymize',
      actor: 'system:gbv-retention',
      roles: ['retention'],
      requestId: 'req-retention-1',
      relatedIds: { reason: 'RETENTION_EXPIRED' },
    });
    expect(audit[1]).toMatchObject({ pk: 'DAY#2027-12-01' });
    // Scrubs go before the transaction: once the case is marked anonymized nothing is retried.
    const order = dynamo.calls().map((c) => c.args[0].constructor.name);
    expect(order.lastIndexOf('UpdateCommand')).toBeLessThan(order.indexOf('TransactWriteCommand'));
  });

  it('never sends a survivor detail or a free-text note anywhere', async () => {
    stored(closedCase());
    await anonymizeCase(deps, input);
    for (const text of [...PERSONAL, ...FREE_TEXT]) expect(sent()).not.toContain(text);
  });

  it('keeps what statistics count: the scrubbed case gives the same statistics', () => {
    const record = closedCase();
    const scrubbed = { ...record, ...scrubCase(record, '2027-12-01T00:00:00.000Z').set };
    const statistics = (r: typeof record) =>
      gbvStatistics(
        [r, r, r, r, r].map((c) => ({
          incidentType: c.incidentType,
          reportedAt: c.reportedAt,
          commune: c.commune,
          services: c.servicesNeeded,
          statisticsConsent: c.statisticsConsent,
        })),
      );
    expect(statistics(scrubbed)).toEqual(statistics(record));
    expect(statistics(scrubbed).dimensions.commune).toEqual([{ key: 'ML0506', count: 5, suppressed: false }]);
  });

  it('changes nothing and audits nothing for a case already anonymized (a redelivered record)', async () => {
    stored(closedCase({ anonymizedAt: '2027-11-30T00:00:00.000Z' }));
    expect(await anonymizeCase(deps, input)).toEqual({ kind: 'already-anonymized' });
    expect(writes()).toHaveLength(0);
  });

  it('leaves a case that is not closed alone', async () => {
    stored(closedCase({ status: 'OPEN' }));
    expect(await anonymizeCase(deps, input)).toEqual({ kind: 'not-closed', status: 'OPEN' });
    expect(writes()).toHaveLength(0);
  });

  it('reports a case that no longer exists without writing', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    expect(await anonymizeCase(deps, input)).toEqual({ kind: 'not-found' });
    expect(writes()).toHaveLength(0);
  });

  it('skips referrals and follow-ups a failed earlier run already scrubbed', async () => {
    const { responseNote: _r, implementationNote: _i, ...scrubbedReferral } = referral;
    stored(closedCase(), [{ ...scrubbedReferral, survivorCode: ANONYMIZED_CODE }]);
    dynamo.on(QueryCommand, { KeyConditionExpression: 'pk = :pk' }).resolves({
      Items: [closedCase(), { ...followUp, actionTaken: undefined }],
    });
    const outcome = await anonymizeCase(deps, input);
    expect(outcome).toMatchObject({ kind: 'anonymized', identityRemoved: false });
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('treats losing a race to a concurrent delivery as already anonymized', async () => {
    let anonymized = false;
    dynamo.on(QueryCommand).callsFake((query: { IndexName?: string; KeyConditionExpression: string }) => {
      if (query.IndexName === 'GSI1') return { Items: [] };
      const caseItem = closedCase(anonymized ? { anonymizedAt: '2027-12-01T00:00:00.000Z' } : {});
      return { Items: query.KeyConditionExpression.includes('sk = :sk') ? [caseItem] : [caseItem, identity] };
    });
    dynamo.on(TransactWriteCommand).callsFake(() => {
      anonymized = true;
      throw Object.assign(new Error('Transaction cancelled'), { name: 'TransactionCanceledException' });
    });
    expect(await anonymizeCase(deps, input)).toEqual({ kind: 'already-anonymized' });
  });
});
