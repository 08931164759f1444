import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetExecutionHistoryCommand, type HistoryEvent, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../local/ops/run-cli.ts';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { cloudClients, eventually } from '../cloud/cloud-clients.ts';
import {
  allAwaiting,
  CASEWORKER,
  type Caller,
  type CasePage,
  caseCommand,
  followUpBody,
  type GbvApi,
  gbvApi,
  INTAKE,
  OPERATOR,
  OTHER_CASEWORKER,
  openCase,
  partner,
  referralFor,
  SUPERVISOR,
} from './gbv-api.ts';
import {
  advance,
  FOLLOW_UP_HEARTBEAT_MS,
  type OwnCloud,
  PARTNER_ANSWER_HEARTBEAT_MS,
  startOwnCloud,
} from './own-cloud.ts';

/**
 * Distinctive strings a survivor, a caseworker or a partner might type. None of them may appear in
 * execution history, function or runtime output, S3, the audit trail, or an answer to a role that
 * may not see them. (ASCII, so JSON escaping cannot hide a match.)
 */
const CANARY = {
  survivorName: 'Zephyrine Canarybird',
  phone: '+223 9981 7263',
  phoneDigits: '99817263',
  address: 'Rue Canarywood 42 Sevare',
  narrative: 'CANARY narrative by the old well',
  declineNote: 'CANARY decline because of quokka',
  responseNote: 'CANARY accepted by Dr Quillfeather',
  implementation: 'CANARY implementation with Mme Wrenhaven',
  followUp: 'CANARY followup at the house of Tantine Ploverdale',
  closureNote: 'CANARY closure note ptarmigan',
  rejectNote: 'CANARY reject note kittiwake',
  override: 'CANARY override reason albatross',
  withdrawal: 'CANARY withdrawal note guillemot',
  householdGiven: 'Canaryhawa',
  householdFamily: 'Birdsongdiarra',
};
const MARKERS = Object.entries(CANARY)
  .filter(([key]) => key !== 'phone')
  .map(([, value]) => value);
const found = (text: string) => MARKERS.filter((marker) => text.toLowerCase().includes(marker.toLowerCase()));

const HOUR = 3_600_000;
let own: OwnCloud;
let api: GbvApi;
const answersToOthers: { who: string; text: string }[] = [];
const executionArns: string[] = [];

beforeAll(async () => {
  own = await startOwnCloud();
  api = gbvApi({ dataDir: own.dataDir, endpoints: own.cloud.endpoints }, () => own.clock.now());
});
afterAll(async () => {
  await own?.stop();
});

const identity = {
  name: CANARY.survivorName,
  phone: CANARY.phone,
  address: CANARY.address,
  ageYears: 27,
  notes: CANARY.narrative,
};
const caseWhen = (caseId: string, until: (page: CasePage) => boolean) =>
  eventually(async () => {
    const answer = await api.call<CasePage>('GET', `/gbv/cases/${caseId}`, CASEWORKER);
    return answer.status === 200 && until(answer.body) ? answer.body : undefined;
  }, 30_000);
const asOther = async (who: string, method: string, path: string, caller: Caller, body?: unknown) => {
  const answer = await api.call(method, path, caller, body);
  answersToOthers.push({ who: `${who} ${method} ${path} → ${answer.status}`, text: answer.text });
  return answer;
};

describe('canary: personal data stays in the protection store', () => {
  it('runs every workflow with distinctive names and details', async () => {
    // A household through intake (and kit dispatch when deployed).
    const command = aHouseholdCommand();
    const household = await api.call<{ householdId: string }>('POST', '/households', INTAKE, {
      ...command,
      headOfHousehold: {
        ...command.headOfHousehold,
        givenName: CANARY.householdGiven,
        familyName: CANARY.householdFamily,
      },
    });
    expect(household.status).toBe(202);

    // Case A: decline with a note, reassignment, acceptance, implementation, follow-ups, a rejected
    // then an approved closure.
    const a = await openCase(
      api,
      caseCommand({
        identifyingDetails: identity,
        consent: {
          referrals: [
            { service: 'PSYCHOSOCIAL', partnerId: 'FeDe', granted: true },
            { service: 'PSYCHOSOCIAL', partnerId: 'AMSS', granted: true },
            { service: 'LEGAL', partnerId: 'AMSS', granted: true },
          ],
          statistics: true,
        },
      }),
    );
    const page = await caseWhen(
      a.caseId,
      (p) => p.referrals.length === 2 && allAwaiting('PARTNER_RESPONSE')(p),
    );
    expect(page.identifyingDetails).toMatchObject({ name: CANARY.survivorName });
    const psy = referralFor(page, 'PSYCHOSOCIAL');
    const legal = referralFor(page, 'LEGAL');
    await api.call('POST', `/gbv/referrals/${psy.referralId}/response`, partner('FeDe'), {
      decision: 'DECLINE',
      declineReason: 'OTHER',
      note: CANARY.declineNote,
    });
    await caseWhen(a.caseId, (p) => referralFor(p, 'PSYCHOSOCIAL').awaiting === 'REASSIGNMENT');
    await api.call('POST', `/gbv/referrals/${psy.referralId}/reassignment`, CASEWORKER, {
      partnerId: 'AMSS',
    });
    await caseWhen(a.caseId, allAwaiting('PARTNER_RESPONSE'));
    for (const referral of [psy, legal]) {
      await api.call('POST', `/gbv/referrals/${referral.referralId}/response`, partner('AMSS'), {
        decision: 'ACCEPT',
        note: CANARY.responseNote,
      });
    }
    await caseWhen(a.caseId, allAwaiting('IMPLEMENTATION'));
    // Other partners, intake and operator ask for what they may not see.
    await asOther('FeDe (no longer receiving)', 'GET', `/gbv/referrals/${psy.referralId}`, partner('FeDe'));
    await asOther('DeltaSurvie', 'GET', `/gbv/referrals/${legal.referralId}`, partner('DeltaSurvie'));
    await asOther(
      'AMSS (receiving, minimum view)',
      'GET',
      `/gbv/referrals/${legal.referralId}`,
      partner('AMSS'),
    );
    for (const [who, caller] of [
      ['intake', INTAKE],
      ['operator', OPERATOR],
      ['partner', partner('AMSS')],
      ['other caseworker', OTHER_CASEWORKER],
    ] as const) {
      await asOther(who, 'GET', `/gbv/cases/${a.caseId}`, caller);
    }
    await asOther('supervisor stats', 'GET', '/gbv/stats', SUPERVISOR);
    for (const referral of [psy, legal]) {
      await api.call('POST', `/gbv/referrals/${referral.referralId}/implementation`, partner('AMSS'), {
        status: 'DONE',
        note: CANARY.implementation,
      });
    }
    await caseWhen(a.caseId, (p) => p.awaiting === 'FOLLOW_UP');
    await api.call(
      'POST',
      `/gbv/cases/${a.caseId}/follow-ups`,
      CASEWORKER,
      followUpBody({ actionTaken: CANARY.followUp }),
    );
    await caseWhen(a.caseId, (p) => p.awaiting === 'FOLLOW_UP' && p.followUpCount === 1);
    await api.call('POST', `/gbv/cases/${a.caseId}/closure-request`, CASEWORKER, {
      reason: 'NEEDS_MET',
      note: CANARY.closureNote,
    });
    await caseWhen(a.caseId, (p) => p.awaiting === 'CLOSURE_DECISION');
    await api.call('POST', `/gbv/cases/${a.caseId}/closure-decision`, SUPERVISOR, {
      decision: 'REJECT',
      note: CANARY.rejectNote,
    });
    await caseWhen(a.caseId, (p) => p.awaiting === 'FOLLOW_UP');
    await api.call('POST', `/gbv/cases/${a.caseId}/closure-request`, CASEWORKER, { reason: 'NEEDS_MET' });
    await caseWhen(a.caseId, (p) => p.awaiting === 'CLOSURE_DECISION');
    await api.call('POST', `/gbv/cases/${a.caseId}/closure-decision`, SUPERVISOR, { decision: 'APPROVE' });
    await caseWhen(a.caseId, (p) => p.status === 'CLOSED');

    // Case B: urgent health, an override with a reason, then a withdrawal with a note.
    const now = own.clock.now();
    const b = await openCase(
      api,
      caseCommand(
        {
          incidentType: 'RAPE',
          incidentDate: new Date(now - 20 * HOUR).toISOString(),
          reportedAt: new Date(now - 60_000).toISOString(),
          riskLevel: 'HIGH',
          servicesNeeded: ['HEALTH', 'PSYCHOSOCIAL'],
          consent: {
            referrals: [
              { service: 'HEALTH', partnerId: 'AMSS', granted: true },
              { service: 'PSYCHOSOCIAL', partnerId: 'FeDe', granted: true },
            ],
            statistics: true,
          },
          identifyingDetails: identity,
        },
        now,
      ),
    );
    await caseWhen(b.caseId, (p) => p.referrals.length === 2 && allAwaiting('PARTNER_RESPONSE')(p));
    const override = await api.call('POST', `/gbv/cases/${b.caseId}/consent-override`, SUPERVISOR, {
      service: 'HEALTH',
      partnerId: 'DeltaSurvie',
      reason: CANARY.override,
    });
    expect(override.status).toBe(200);
    // Time passes: the urgent referral goes unanswered, follow-ups become overdue.
    await advance(own, 3, PARTNER_ANSWER_HEARTBEAT_MS);
    await caseWhen(b.caseId, (p) => referralFor(p, 'HEALTH').awaiting === 'REASSIGNMENT');
    const withdrawal = await api.call('POST', `/gbv/cases/${b.caseId}/consent-withdrawal`, CASEWORKER, {
      note: CANARY.withdrawal,
    });
    expect(withdrawal.status).toBe(200);
    await caseWhen(
      b.caseId,
      (p) => p.referrals.every((r) => r.status === 'REVOKED') && p.awaiting === 'FOLLOW_UP',
    );
    await advance(own, 5, FOLLOW_UP_HEARTBEAT_MS);
    await caseWhen(b.caseId, (p) => p.overdueFollowUp !== null);
  });

  it('finds none of the strings in any execution history, with execution data', async () => {
    const { sfn } = cloudClients(own.cloud.endpoints);
    let events = 0;
    for (const machine of own.cloud.model.stateMachines) {
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: machine.arn, nextToken }));
        for (const execution of page.executions ?? []) executionArns.push(execution.executionArn!);
        nextToken = page.nextToken;
      } while (nextToken);
    }
    expect(executionArns.some((arn) => /gbv/i.test(arn))).toBe(true);
    expect(executionArns.some((arn) => /intake/i.test(arn))).toBe(true);
    expect(executionArns.length).toBeGreaterThanOrEqual(3);
    for (const executionArn of executionArns) {
      const history: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(
          new GetExecutionHistoryCommand({
            executionArn,
            includeExecutionData: true,
            maxResults: 1000,
            nextToken,
          }),
        );
        history.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      events += history.length;
      expect({ executionArn, found: found(JSON.stringify(history)) }).toEqual({ executionArn, found: [] });
    }
    expect(events).toBeGreaterThan(100);
  });

  it('finds none of the strings in the output of the runtime and its functions', () => {
    const output = own.output();
    expect(output).toContain('"FollowUpsOverdue"');
    expect(found(output)).toEqual([]);
  });

  it('finds none of the strings in S3, the audit trail or the idempotency store', async () => {
    const { s3, dynamodb } = cloudClients(own.cloud.endpoints);
    // Positive control: the search does find them where they belong.
    const stored = async (pattern: RegExp) => {
      const table = own.cloud.model.tables.find((t) => pattern.test(t.tableName));
      const scanned = await dynamodb.send(new ScanCommand({ TableName: table!.tableName }));
      return found(JSON.stringify(scanned.Items));
    };
    expect(await stored(/protection/i)).toEqual(
      expect.arrayContaining([
        CANARY.survivorName,
        CANARY.narrative,
        CANARY.followUp,
        CANARY.override,
        CANARY.withdrawal,
      ]),
    );
    expect(await stored(/registry/i)).toEqual(
      expect.arrayContaining([CANARY.householdGiven, CANARY.householdFamily]),
    );
    for (const bucket of own.cloud.model.buckets) {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket.bucketName }));
      for (const object of listed.Contents ?? []) {
        const body = await s3.send(new GetObjectCommand({ Bucket: bucket.bucketName, Key: object.Key }));
        const text = await body.Body!.transformToString();
        expect({ key: object.Key, found: found(text) }).toEqual({ key: object.Key, found: [] });
      }
    }
    for (const table of own.cloud.model.tables.filter((t) => /audit|idempotency/i.test(t.tableName))) {
      const scanned = await dynamodb.send(new ScanCommand({ TableName: table.tableName }));
      if (/audit/i.test(table.tableName)) expect(scanned.Items?.length ?? 0).toBeGreaterThan(0);
      expect({ table: table.tableName, found: found(JSON.stringify(scanned.Items)) }).toEqual({
        table: table.tableName,
        found: [],
      });
    }
  });

  it('finds none of the strings in answers to roles that may not see them, the console or the ops CLI', async () => {
    for (const answer of answersToOthers)
      expect({ who: answer.who, found: found(answer.text) }).toEqual({ who: answer.who, found: [] });
    const operatorToken = await api.token(OPERATOR);
    const consoleGet = async (path: string) => {
      const response = await fetch(`${own.cloud.endpoints.api}/console/api${path}`, {
        headers: { authorization: `Bearer ${operatorToken}` },
      });
      return { status: response.status, text: await response.text() };
    };
    const consolePaths = [
      '/machines',
      '/executions',
      '/programme',
      ...executionArns.map((arn) => `/execution?arn=${encodeURIComponent(arn)}&data=1`),
    ];
    for (const path of consolePaths) {
      const answer = await consoleGet(path);
      expect(answer.status).toBe(200);
      expect({ path, found: found(answer.text) }).toEqual({ path, found: [] });
    }
    const endpoint = own.cloud.endpoints.stepfunctions;
    const commands = [
      ['machines'],
      ['executions', '--limit', '100'],
      ['overdue', '--all'],
      ...executionArns.map((arn) => ['history', arn, '--data']),
    ];
    for (const command of commands) {
      const lines: string[] = [];
      const code = await runCli([...command, '--json', '--endpoint', endpoint], {
        stdout: (text) => lines.push(text),
        stderr: (text) => lines.push(text),
        now: () => new Date(own.clock.now()),
      });
      expect(code).toBe(0);
      expect({ command: command[0], found: found(lines.join('\n')) }).toEqual({
        command: command[0],
        found: [],
      });
    }
  });
});
