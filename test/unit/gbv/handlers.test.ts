import {
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { sfnClient } from '#shared/clients/sfn.ts';
import { handler as getCase } from '../../../functions/gbv/get-gbv-case.ts';
import { handler as getReferral } from '../../../functions/gbv/get-referral.ts';
import { handler as openCase } from '../../../functions/gbv/open-gbv-case.ts';
import { handler as reassign } from '../../../functions/gbv/reassign-referral.ts';
import { handler as respond } from '../../../functions/gbv/respond-to-referral.ts';
import { handler as withdraw } from '../../../functions/gbv/withdraw-consent.ts';
import { captureLogs, claimsFor, fakeContext, fakeEvent } from '../shared/fakes.ts';
import { aCase, aReferral, CASE_ID, REFERRAL_ID } from './gbv-setup.ts';

const dynamo = mockClient(documentClient);
const sfn = mockClient(sfnClient as SFNClient);
const NAME = 'Mariam Canarybird';

const call = (
  fn: (event: never, context: never) => Promise<unknown>,
  routeKey: string,
  options: { claims?: Record<string, unknown>; path?: Record<string, string>; body?: unknown } = {},
) =>
  fn(
    fakeEvent({
      routeKey,
      claims: (options.claims ?? claimsFor(['caseworker'])) as never,
      ...(options.path ? { path: options.path } : {}),
      headers: { 'content-type': 'application/json' },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    }) as never,
    fakeContext() as never,
  ) as Promise<{ statusCode: number; body?: string }>;
const json = (result: { body?: string }) => JSON.parse(String(result.body)) as Record<string, unknown>;
const transactItems = () =>
  dynamo.commandCalls(TransactWriteCommand).flatMap((c) => c.args[0].input.TransactItems ?? []);
const getReturns = (items: Record<string, unknown>) =>
  dynamo.on(GetCommand).callsFake((input: { Key: { pk: string; sk: string } }) => ({
    Item: items[`${input.Key.pk}|${input.Key.sk}`],
  }));

beforeEach(() => {
  dynamo.on(TransactWriteCommand).resolves({});
  dynamo.on(QueryCommand).resolves({ Items: [] });
  sfn.on(SendTaskSuccessCommand).resolves({});
  sfn.on(SendTaskFailureCommand).resolves({});
  sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:x' });
});
afterEach(() => {
  dynamo.reset();
  sfn.reset();
});

const command = {
  incidentType: 'RAPE',
  incidentDate: '2026-11-19',
  reportedAt: '2026-11-20T10:00:00Z',
  commune: 'ML0506',
  riskLevel: 'HIGH',
  servicesNeeded: ['HEALTH'],
  consent: { referrals: [{ service: 'HEALTH', partnerId: 'AMSS', granted: true }], statistics: true },
  identifyingDetails: { name: NAME, phone: '+223 7000 0000' },
};

describe('POST /gbv/cases', () => {
  it('stores the case and identifying details in the protection table and starts the workflow with the id only', async () => {
    const logs = captureLogs();
    const result = await call(openCase, 'POST /gbv/cases', { body: command });
    logs.restore();
    expect(result.statusCode).toBe(201);
    const body = json(result);
    expect(body['survivorCode']).toMatch(/^SV-/);
    const puts = transactItems().filter((item) => item.Put?.TableName === 'protection-test');
    expect(puts.map((p) => p.Put?.Item?.['sk'])).toEqual(['CASE', 'IDENTITY']);
    expect(puts[0]?.Put?.Item).toMatchObject({
      assignedCaseworkerId: 'user-1',
      urgentHealth: true,
      status: 'OPEN',
    });
    expect(puts[1]?.Put?.Item).toMatchObject({ name: NAME });
    const audit = transactItems().filter((item) => item.Put?.TableName === 'audit-test');
    expect(JSON.stringify(audit)).not.toContain(NAME);
    const start = sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input;
    expect(start).toMatchObject({ name: body['caseId'], input: JSON.stringify({ caseId: body['caseId'] }) });
    expect(logs.text()).not.toContain(NAME);
  });

  it('refuses a client-chosen survivor code and a caller who is not a caseworker', async () => {
    const withCode = await call(openCase, 'POST /gbv/cases', {
      body: { ...command, survivorCode: 'SV-AAAA-AAAAA' },
    });
    expect(withCode.statusCode).toBe(400);
    const asIntake = await call(openCase, 'POST /gbv/cases', {
      body: command,
      claims: claimsFor(['intake']),
    });
    expect(asIntake.statusCode).toBe(403);
    expect(transactItems()).toEqual([]);
  });
});

describe('GET /gbv/cases/{caseId}', () => {
  it('lets the assigned caseworker read the case, audited, without task tokens', async () => {
    getReturns({
      [`CASE#${CASE_ID}|CASE`]: aCase({
        waiting: { step: 'FOLLOW_UP', taskToken: 'secret-token', since: 'x' },
      }),
    });
    const result = await call(getCase, 'GET /gbv/cases/{caseId}', { path: { caseId: CASE_ID } });
    expect(result.statusCode).toBe(200);
    expect(json(result)).toMatchObject({ caseId: CASE_ID, awaiting: 'FOLLOW_UP' });
    expect(result.body).not.toContain('secret-token');
    expect(transactItems().map((i) => i.Put?.Item?.['action'])).toContain('gbv-case.read');
  });

  it('refuses another caseworker, and intake and operator outright', async () => {
    getReturns({ [`CASE#${CASE_ID}|CASE`]: aCase({ assignedCaseworkerId: 'someone-else' }) });
    for (const groups of [['caseworker'], ['intake'], ['operator'], ['partner']]) {
      const result = await call(getCase, 'GET /gbv/cases/{caseId}', {
        path: { caseId: CASE_ID },
        claims: claimsFor(groups, { 'custom:partnerId': 'FeDe' }),
      });
      expect(result.statusCode).toBe(403);
    }
  });
});

describe('GET /gbv/referrals/{referralId}', () => {
  it('shows the receiving partner the minimum and refuses other partners', async () => {
    getReturns({ [`REFERRAL#${REFERRAL_ID}|REFERRAL`]: aReferral() });
    const own = await call(getReferral, 'GET /gbv/referrals/{referralId}', {
      path: { referralId: REFERRAL_ID },
      claims: claimsFor(['partner'], { 'custom:partnerId': 'FeDe' }),
    });
    expect(own.statusCode).toBe(200);
    expect(json(own)).not.toHaveProperty('caseId');
    expect(own.body).not.toContain('token-1');
    const other = await call(getReferral, 'GET /gbv/referrals/{referralId}', {
      path: { referralId: REFERRAL_ID },
      claims: claimsFor(['partner'], { 'custom:partnerId': 'AMSS' }),
    });
    expect(other.statusCode).toBe(403);
  });
});

describe('POST /gbv/referrals/{referralId}/response', () => {
  it('records a decline and resumes the workflow with the decision only', async () => {
    getReturns({ [`REFERRAL#${REFERRAL_ID}|REFERRAL`]: aReferral() });
    const result = await call(respond, 'POST /gbv/referrals/{referralId}/response', {
      path: { referralId: REFERRAL_ID },
      claims: claimsFor(['partner'], { 'custom:partnerId': 'FeDe' }),
      body: { decision: 'DECLINE', declineReason: 'OTHER', note: 'no staff this week' },
    });
    expect(result.statusCode).toBe(200);
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input).toEqual({
      taskToken: 'token-1',
      output: JSON.stringify({ decision: 'DECLINE' }),
    });
    const update = transactItems().find((i) => i.Update)?.Update;
    expect(update?.ExpressionAttributeValues).toMatchObject({ ':c0': 'IN_PROGRESS' });
    expect(Object.values(update?.ExpressionAttributeValues ?? {})).toContain('RETURNED');
  });

  it('refuses another partner and a referral that is not waiting for an answer', async () => {
    getReturns({ [`REFERRAL#${REFERRAL_ID}|REFERRAL`]: aReferral() });
    const other = await call(respond, 'POST /gbv/referrals/{referralId}/response', {
      path: { referralId: REFERRAL_ID },
      claims: claimsFor(['partner'], { 'custom:partnerId': 'AMSS' }),
      body: { decision: 'ACCEPT' },
    });
    expect(other.statusCode).toBe(403);
    getReturns({ [`REFERRAL#${REFERRAL_ID}|REFERRAL`]: aReferral({ status: 'REVOKED', waiting: null }) });
    const revoked = await call(respond, 'POST /gbv/referrals/{referralId}/response', {
      path: { referralId: REFERRAL_ID },
      claims: claimsFor(['partner'], { 'custom:partnerId': 'FeDe' }),
      body: { decision: 'ACCEPT' },
    });
    expect(revoked.statusCode).toBe(409);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toEqual([]);
  });
});

describe('POST /gbv/referrals/{referralId}/reassignment', () => {
  const returned = aReferral({
    status: 'RETURNED',
    waiting: { step: 'REASSIGNMENT', taskToken: 'token-2', since: 'x' },
  });

  it('refuses a partner without consent (409 CONSENT_MISSING)', async () => {
    getReturns({ [`REFERRAL#${REFERRAL_ID}|REFERRAL`]: returned, [`CASE#${CASE_ID}|CASE`]: aCase() });
    const result = await call(reassign, 'POST /gbv/referrals/{referralId}/reassignment', {
      path: { referralId: REFERRAL_ID },
      body: { partnerId: 'AMSS' },
    });
    expect(result.statusCode).toBe(409);
    expect(json(result)).toMatchObject({ error: { code: 'CONSENT_MISSING' } });
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toEqual([]);
  });

  it('accepts a partner covered by a supervisor override', async () => {
    const overridden = aCase({
      overrides: [{ service: 'PSYCHOSOCIAL', partnerId: 'AMSS', supervisorId: 'sup', reason: 'r' }],
    });
    getReturns({ [`REFERRAL#${REFERRAL_ID}|REFERRAL`]: returned, [`CASE#${CASE_ID}|CASE`]: overridden });
    const result = await call(reassign, 'POST /gbv/referrals/{referralId}/reassignment', {
      path: { referralId: REFERRAL_ID },
      body: { partnerId: 'AMSS' },
    });
    expect(result.statusCode).toBe(200);
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input.taskToken).toBe('token-2');
    // The referral leaves the old partner's inbox for the new one's, with the referral update.
    expect(transactItems().find((i) => i.Put?.Item?.['sk'] === 'INBOX')?.Put?.Item).toMatchObject({
      pk: `REFERRAL#${REFERRAL_ID}`,
      gsi1pk: 'PARTNER#AMSS',
      partnerId: 'AMSS',
    });
  });
});

describe('POST /gbv/cases/{caseId}/consent-withdrawal', () => {
  it('revokes covered pending referrals and fails their waiting steps with Gbv.ReferralRevoked', async () => {
    getReturns({ [`CASE#${CASE_ID}|CASE`]: aCase() });
    const legal = aReferral({
      referralId: '01JD3Q4Z5X6Y7W8V9T0S1R2QA2',
      service: 'LEGAL',
      partnerId: 'AMSS',
    });
    dynamo.on(QueryCommand).resolves({ Items: [aReferral(), legal] });
    const result = await call(withdraw, 'POST /gbv/cases/{caseId}/consent-withdrawal', {
      path: { caseId: CASE_ID },
      body: { services: ['PSYCHOSOCIAL'] },
    });
    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({ caseId: CASE_ID, revokedReferralIds: [REFERRAL_ID] });
    expect(sfn.commandCalls(SendTaskFailureCommand).map((c) => c.args[0].input)).toEqual([
      { taskToken: 'token-1', error: 'Gbv.ReferralRevoked', cause: `Referral ${REFERRAL_ID} revoked` },
    ]);
  });
});
