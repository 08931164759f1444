import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../local/ops/run-cli.ts';
import { eventually } from '../cloud/cloud-clients.ts';
import {
  allAwaiting,
  CASEWORKER,
  type CasePage,
  caseCommand,
  followUpBody,
  type GbvApi,
  gbvApi,
  OTHER_CASEWORKER,
  openCase,
  partner,
  referralFor,
} from './gbv-api.ts';
import {
  advance,
  FOLLOW_UP_HEARTBEAT_MS,
  type OwnCloud,
  PARTNER_ANSWER_HEARTBEAT_MS,
  startOwnCloud,
} from './own-cloud.ts';

const HOUR = 3_600_000;
let own: OwnCloud;
let api: GbvApi;

beforeAll(async () => {
  own = await startOwnCloud();
  api = gbvApi({ dataDir: own.dataDir, endpoints: own.cloud.endpoints }, () => own.clock.now());
});
afterAll(async () => {
  await own?.stop();
});

const caseWhen = (caseId: string, until: (page: CasePage) => boolean) =>
  eventually(async () => {
    const answer = await api.call<CasePage>('GET', `/gbv/cases/${caseId}`, CASEWORKER);
    return answer.status === 200 && until(answer.body) ? answer.body : undefined;
  }, 30_000);

describe('GBV deadlines on virtual time', () => {
  it('reports a missed follow-up as overdue on the case, in a metric without dimensions, and clears it on a visit', async () => {
    const { caseId } = await openCase(
      api,
      caseCommand({
        riskLevel: 'HIGH',
        servicesNeeded: ['PSYCHOSOCIAL'],
        consent: { referrals: [], statistics: true },
      }),
    );
    await caseWhen(caseId, (p) => p.awaiting === 'FOLLOW_UP');
    const before = own.output().length;
    await advance(own, 5, FOLLOW_UP_HEARTBEAT_MS);
    const page = await caseWhen(caseId, (p) => p.overdueFollowUp !== null);
    expect(Date.parse(page.overdueFollowUp!.markedAt)).toBeGreaterThan(
      Date.parse(page.overdueFollowUp!.dueAt),
    );
    const caseload = await api.call<{ cases: { caseId: string }[] }>(
      'GET',
      '/gbv/cases?overdue=true',
      CASEWORKER,
    );
    expect(caseload.body.cases.map((c) => c.caseId)).toEqual([caseId]);
    const otherCaseload = await api.call<{ cases: unknown[] }>(
      'GET',
      '/gbv/cases?overdue=true',
      OTHER_CASEWORKER,
    );
    expect(otherCaseload.body.cases).toEqual([]);
    const emf = own
      .output()
      .slice(before)
      .split('\n')
      .filter((line) => line.includes('"FollowUpsOverdue"'))
      .map((line) => JSON.parse(line.slice(line.indexOf('{'))) as Record<string, unknown>);
    expect(emf.length).toBeGreaterThan(0);
    const directive = (
      emf[0]!['_aws'] as { CloudWatchMetrics: { Namespace: string; Dimensions: string[][] }[] }
    ).CloudWatchMetrics[0]!;
    expect(directive.Namespace).toBe('Casework');
    expect(directive.Dimensions.flat()).toEqual([]);
    expect(JSON.stringify(emf)).not.toContain(caseId);

    // The operator CLI sees an execution waiting at the follow-up step.
    const lines: string[] = [];
    await runCli(['overdue', '--all', '--json', '--endpoint', own.cloud.endpoints.stepfunctions], {
      stdout: (text) => lines.push(text),
      stderr: () => undefined,
      now: () => new Date(own.clock.now()),
    });
    expect(lines.join('')).toContain('Wait for follow-up');

    const visit = await api.call('POST', `/gbv/cases/${caseId}/follow-ups`, CASEWORKER, followUpBody());
    expect(visit.status).toBe(201);
    const cleared = await caseWhen(caseId, (p) => p.followUpCount === 1);
    expect(cleared.overdueFollowUp).toBeNull();
  });

  it('returns a referral nobody answered within its timeframe to the caseworker (urgent health, 1 hour)', async () => {
    const now = own.clock.now();
    const { caseId } = await openCase(
      api,
      caseCommand(
        {
          incidentType: 'SEXUAL_ASSAULT',
          incidentDate: new Date(now - 5 * HOUR).toISOString(),
          reportedAt: new Date(now - 60_000).toISOString(),
          servicesNeeded: ['HEALTH'],
          consent: {
            referrals: [
              { service: 'HEALTH', partnerId: 'AMSS', granted: true },
              { service: 'HEALTH', partnerId: 'DeltaSurvie', granted: true },
            ],
            statistics: true,
          },
        },
        now,
      ),
    );
    const sent = await caseWhen(caseId, allAwaiting('PARTNER_RESPONSE'));
    expect(referralFor(sent, 'HEALTH')).toMatchObject({ urgent: true, partnerId: 'AMSS' });
    await advance(own, 1, PARTNER_ANSWER_HEARTBEAT_MS);
    expect(referralFor(await caseWhen(caseId, () => true), 'HEALTH').status).toBe('IN_PROGRESS');
    await advance(own, 2, PARTNER_ANSWER_HEARTBEAT_MS);
    const returned = await caseWhen(caseId, allAwaiting('REASSIGNMENT'));
    const referral = referralFor(returned, 'HEALTH');
    expect(referral).toMatchObject({ status: 'RETURNED', returnedBecause: 'NO_ANSWER' });
    const late = await api.call('POST', `/gbv/referrals/${referral.referralId}/response`, partner('AMSS'), {
      decision: 'ACCEPT',
    });
    expect(late.status).toBe(409);
    const reassigned = await api.call(
      'POST',
      `/gbv/referrals/${referral.referralId}/reassignment`,
      CASEWORKER,
      {
        partnerId: 'DeltaSurvie',
      },
    );
    expect(reassigned.status).toBe(200);
    const resent = await caseWhen(caseId, allAwaiting('PARTNER_RESPONSE'));
    expect(referralFor(resent, 'HEALTH')).toMatchObject({ partnerId: 'DeltaSurvie', status: 'IN_PROGRESS' });
  });
});
