import { DescribeExecutionCommand, GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { cloudClients, eventually } from '../cloud/cloud-clients.ts';
import { appCloud } from '../intake/intake-api.ts';
import {
  allAwaiting,
  CASEWORKER,
  caseCommand,
  caseWhen,
  followUpBody,
  gbvApi,
  INTAKE,
  OPERATOR,
  OTHER_CASEWORKER,
  openCase,
  partner,
  referralFor,
  SUPERVISOR,
} from './gbv-api.ts';

const app = appCloud();
const api = gbvApi(app);
const { sfn } = cloudClients(app.endpoints);
const executionArn = (caseId: string) => {
  const machine = app.stateMachineArns.find((arn) => /gbv-?referral/i.test(arn));
  if (!machine) throw new Error('no gbv-referral state machine in the app');
  return `${machine.replace(':stateMachine:', ':execution:')}:${caseId}`;
};
const executionStatus = async (caseId: string) =>
  (await sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(caseId) }))).status;

describe('GBV referral on the local runtime', () => {
  it('runs a case from creation to approved closure with two referrals and three follow-ups', async () => {
    const { caseId, survivorCode } = await openCase(api, caseCommand({ riskLevel: 'HIGH' }));
    expect(survivorCode).toMatch(/^SV-/);
    let page = await caseWhen(
      api,
      caseId,
      (p) => p.referrals.length === 2 && allAwaiting('PARTNER_RESPONSE')(p),
    );
    const psychosocial = referralFor(page, 'PSYCHOSOCIAL');
    const legal = referralFor(page, 'LEGAL');
    expect([psychosocial.partnerId, legal.partnerId]).toEqual(['FeDe', 'AMSS']);

    const accept = { decision: 'ACCEPT' };
    expect(
      (await api.call('POST', `/gbv/referrals/${psychosocial.referralId}/response`, partner('FeDe'), accept))
        .status,
    ).toBe(200);
    expect(
      (await api.call('POST', `/gbv/referrals/${legal.referralId}/response`, partner('AMSS'), accept)).status,
    ).toBe(200);
    await caseWhen(api, caseId, allAwaiting('IMPLEMENTATION'));
    const done = { status: 'DONE', note: 'Session held' };
    expect(
      (
        await api.call(
          'POST',
          `/gbv/referrals/${psychosocial.referralId}/implementation`,
          partner('FeDe'),
          done,
        )
      ).status,
    ).toBe(200);
    expect(
      (await api.call('POST', `/gbv/referrals/${legal.referralId}/implementation`, partner('AMSS'), done))
        .status,
    ).toBe(200);

    for (let visit = 1; visit <= 3; visit++) {
      await caseWhen(api, caseId, (p) => p.awaiting === 'FOLLOW_UP');
      const answer = await api.call('POST', `/gbv/cases/${caseId}/follow-ups`, CASEWORKER, followUpBody());
      expect(answer.status).toBe(201);
    }
    page = await caseWhen(api, caseId, (p) => p.awaiting === 'FOLLOW_UP');
    expect(page.followUpCount).toBe(3);
    expect(page.referrals.map((r) => r.status)).toEqual(['DONE', 'DONE']);

    const request = await api.call('POST', `/gbv/cases/${caseId}/closure-request`, CASEWORKER, {
      reason: 'NEEDS_MET',
    });
    expect(request.status).toBe(202);
    await caseWhen(api, caseId, (p) => p.awaiting === 'CLOSURE_DECISION');
    // The caseworker cannot approve their own request.
    expect(
      (await api.call('POST', `/gbv/cases/${caseId}/closure-decision`, CASEWORKER, { decision: 'APPROVE' }))
        .status,
    ).toBe(403);
    expect(
      (await api.call('POST', `/gbv/cases/${caseId}/closure-decision`, SUPERVISOR, { decision: 'APPROVE' }))
        .status,
    ).toBe(200);
    page = await caseWhen(api, caseId, (p) => p.status === 'CLOSED');
    await eventually(async () => ((await executionStatus(caseId)) === 'SUCCEEDED' ? true : undefined));
    expect(
      (await api.call('POST', `/gbv/cases/${caseId}/follow-ups`, CASEWORKER, followUpBody())).status,
    ).toBe(409);
  });

  it('never refers a service without consent', async () => {
    const { caseId } = await openCase(
      api,
      caseCommand({
        servicesNeeded: ['PSYCHOSOCIAL', 'HEALTH'],
        consent: {
          referrals: [
            { service: 'PSYCHOSOCIAL', partnerId: 'FeDe', granted: true },
            { service: 'HEALTH', partnerId: 'AMSS', granted: false },
          ],
          statistics: false,
        },
      }),
    );
    const page = await caseWhen(api, caseId, (p) => p.referrals.length > 0 && p.withheld.length > 0);
    expect(page.referrals.map((r) => r.service)).toEqual(['PSYCHOSOCIAL']);
    expect(page.withheld).toEqual([{ service: 'HEALTH', reason: 'NO_CONSENT' }]);
    // Reassigning to a partner without consent is refused too.
    const referral = referralFor(page, 'PSYCHOSOCIAL');
    await api.call('POST', `/gbv/referrals/${referral.referralId}/response`, partner('FeDe'), {
      decision: 'DECLINE',
      declineReason: 'NO_CAPACITY',
    });
    await caseWhen(api, caseId, allAwaiting('REASSIGNMENT'));
    const refused = await api.call('POST', `/gbv/referrals/${referral.referralId}/reassignment`, CASEWORKER, {
      partnerId: 'AMSS',
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'CONSENT_MISSING' } });
  });

  it('refers a withheld service once a supervisor with the override permission records an override', async () => {
    const { caseId } = await openCase(
      api,
      caseCommand({
        servicesNeeded: ['HEALTH'],
        consent: { referrals: [{ service: 'HEALTH', partnerId: 'AMSS', granted: false }], statistics: true },
      }),
    );
    await caseWhen(api, caseId, (p) => p.awaiting === 'FOLLOW_UP' && p.withheld.length === 1);
    const override = {
      service: 'HEALTH',
      partnerId: 'AMSS',
      reason: 'Survivor unable to consent, life at risk',
    };
    const plainSupervisor = { role: 'supervisor', user: 'sup-plain' } as const;
    expect(
      (await api.call('POST', `/gbv/cases/${caseId}/consent-override`, plainSupervisor, override)).status,
    ).toBe(403);
    expect(
      (await api.call('POST', `/gbv/cases/${caseId}/consent-override`, CASEWORKER, override)).status,
    ).toBe(403);
    const recorded = await api.call('POST', `/gbv/cases/${caseId}/consent-override`, SUPERVISOR, override);
    expect(recorded.body).toMatchObject({ caseId, replanned: true });
    const page = await caseWhen(api, caseId, allAwaiting('PARTNER_RESPONSE'));
    expect(referralFor(page, 'HEALTH')).toMatchObject({ partnerId: 'AMSS', basis: 'SUPERVISOR_OVERRIDE' });
  });

  it('lets a partner read and answer only the referrals sent to it; intake and operator see nothing', async () => {
    const { caseId } = await openCase(api, caseCommand());
    const page = await caseWhen(api, caseId, allAwaiting('PARTNER_RESPONSE'));
    const toFeDe = referralFor(page, 'PSYCHOSOCIAL');
    const asFeDe = await api.call('GET', `/gbv/referrals/${toFeDe.referralId}`, partner('FeDe'));
    expect(asFeDe.status).toBe(200);
    expect(Object.keys(asFeDe.body).sort()).toEqual(
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
    expect((await api.call('GET', `/gbv/referrals/${toFeDe.referralId}`, partner('AMSS'))).status).toBe(403);
    const answer = await api.call('POST', `/gbv/referrals/${toFeDe.referralId}/response`, partner('AMSS'), {
      decision: 'ACCEPT',
    });
    expect(answer.status).toBe(403);
    for (const caller of [INTAKE, OPERATOR, partner('FeDe'), OTHER_CASEWORKER]) {
      expect((await api.call('GET', `/gbv/cases/${caseId}`, caller)).status).toBe(403);
    }
    expect((await api.call('GET', '/gbv/stats', CASEWORKER)).status).toBe(403);
    const stats = await api.call<{ dimensions: Record<string, { key: string }[]> }>(
      'GET',
      '/gbv/stats',
      SUPERVISOR,
    );
    expect(stats.status).toBe(200);
    expect(stats.text).not.toContain('SV-');
    const still = await caseWhen(api, caseId, () => true);
    expect(referralFor(still, 'PSYCHOSOCIAL').status).toBe('IN_PROGRESS');
  });

  it('returns a declined referral to the caseworker, who sends it to another partner', async () => {
    const { caseId } = await openCase(
      api,
      caseCommand({
        servicesNeeded: ['PSYCHOSOCIAL'],
        consent: {
          referrals: [
            { service: 'PSYCHOSOCIAL', partnerId: 'FeDe', granted: true },
            { service: 'PSYCHOSOCIAL', partnerId: 'AMSS', granted: true },
          ],
          statistics: true,
        },
      }),
    );
    const page = await caseWhen(api, caseId, allAwaiting('PARTNER_RESPONSE'));
    const referral = referralFor(page, 'PSYCHOSOCIAL');
    expect(referral.partnerId).toBe('FeDe');
    const decline = await api.call(
      'POST',
      `/gbv/referrals/${referral.referralId}/response`,
      partner('FeDe'),
      {
        decision: 'DECLINE',
        declineReason: 'NO_CAPACITY',
      },
    );
    expect(decline.status).toBe(200);
    const returned = await caseWhen(api, caseId, allAwaiting('REASSIGNMENT'));
    expect(referralFor(returned, 'PSYCHOSOCIAL')).toMatchObject({
      status: 'RETURNED',
      returnedBecause: 'DECLINED',
    });
    const reassign = await api.call(
      'POST',
      `/gbv/referrals/${referral.referralId}/reassignment`,
      CASEWORKER,
      {
        partnerId: 'AMSS',
      },
    );
    expect(reassign.status).toBe(200);
    const resent = await caseWhen(api, caseId, allAwaiting('PARTNER_RESPONSE'));
    expect(referralFor(resent, 'PSYCHOSOCIAL')).toMatchObject({ partnerId: 'AMSS', status: 'IN_PROGRESS' });
    // FeDe no longer receives it.
    expect((await api.call('GET', `/gbv/referrals/${referral.referralId}`, partner('FeDe'))).status).toBe(
      403,
    );
    expect(
      (
        await api.call('POST', `/gbv/referrals/${referral.referralId}/response`, partner('AMSS'), {
          decision: 'ACCEPT',
        })
      ).status,
    ).toBe(200);
  });

  it('revokes pending referrals when consent is withdrawn, ending their waiting steps cleanly', async () => {
    const { caseId } = await openCase(api, caseCommand());
    const page = await caseWhen(api, caseId, allAwaiting('PARTNER_RESPONSE'));
    const psychosocial = referralFor(page, 'PSYCHOSOCIAL');
    const withdraw = await api.call('POST', `/gbv/cases/${caseId}/consent-withdrawal`, CASEWORKER, {
      services: ['PSYCHOSOCIAL'],
    });
    expect(withdraw.status).toBe(200);
    expect(withdraw.body).toEqual({ caseId, revokedReferralIds: [psychosocial.referralId] });
    const after = await caseWhen(api, caseId, (p) => referralFor(p, 'PSYCHOSOCIAL').status === 'REVOKED');
    expect(referralFor(after, 'LEGAL').status).toBe('IN_PROGRESS');
    const revokedAnswer = await api.call(
      'POST',
      `/gbv/referrals/${psychosocial.referralId}/response`,
      partner('FeDe'),
      {
        decision: 'ACCEPT',
      },
    );
    expect(revokedAnswer.status).toBe(409);
    const events = await eventually(async () => {
      const history = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn: executionArn(caseId), maxResults: 1000 }),
      );
      const all = history.events ?? [];
      const revoked = all.some((e) => e.stateEnteredEventDetails?.name === 'Referral revoked');
      return revoked ? all : undefined;
    });
    expect(events.some((e) => e.taskFailedEventDetails?.error === 'Gbv.ReferralRevoked')).toBe(true);
    expect(await executionStatus(caseId)).toBe('RUNNING');
  });

  it('sends an urgent health referral first (1 hour) for a rape reported within 72 hours', async () => {
    const now = Date.now();
    const { caseId } = await openCase(
      api,
      caseCommand({
        incidentType: 'RAPE',
        incidentDate: new Date(now - 30 * 3_600_000).toISOString(),
        reportedAt: new Date(now - 60_000).toISOString(),
        riskLevel: 'HIGH',
        servicesNeeded: ['PSYCHOSOCIAL', 'HEALTH'],
        consent: {
          referrals: [
            { service: 'PSYCHOSOCIAL', partnerId: 'FeDe', granted: true },
            { service: 'HEALTH', partnerId: 'AMSS', granted: true },
          ],
          statistics: true,
        },
      }),
    );
    const page = await caseWhen(
      api,
      caseId,
      (p) => p.referrals.length === 2 && allAwaiting('PARTNER_RESPONSE')(p),
    );
    expect(page.urgentHealth).toBe(true);
    const health = referralFor(page, 'HEALTH');
    expect(health).toMatchObject({ partnerId: 'AMSS', urgent: true, timeframe: 'PT1H' });
    expect(Date.parse(health.dueAt!) - Date.parse(health.sentAt!)).toBe(3_600_000);
    expect(referralFor(page, 'PSYCHOSOCIAL')).toMatchObject({ urgent: false, timeframe: 'P3D' });
    const asAmss = await api.call('GET', `/gbv/referrals/${health.referralId}`, partner('AMSS'));
    expect(asAmss.body).toMatchObject({ urgent: true, service: 'HEALTH' });
    expect(asAmss.text).not.toContain('RAPE');
  });
});
