/**
 * The GBV referral workflow under the fault switch (`/_local/faults`): planning throttled past
 * its retries fails the execution at "Plan referrals"; the status-change event marks the case
 * beside its status (it stays OPEN for its caseworker); once the fault is gone a redrive re-runs
 * the planning, the referrals go out, and the redrive's event clears the mark.
 */
import { randomUUID } from 'node:crypto';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  RedriveExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { cloudClients, eventually } from '../cloud/cloud-clients.ts';
import { allAwaiting, type CasePage, caseCommand, caseWhen, gbvApi, openCase } from '../gbv/gbv-api.ts';
import { appCloud } from '../intake/intake-api.ts';

const app = appCloud();
const api = gbvApi(app);
const { sfn } = cloudClients(app.endpoints);
const planning = app.functionNames.find((name) => name.includes('FnGbvTasksPlanReferrals'));
const THROTTLED = 'Lambda.TooManyRequestsException';
const clearFaults = () => fetch(`${app.endpoints.api}/_local/faults`, { method: 'DELETE' });

const executionArn = (caseId: string) => {
  const machine = app.stateMachineArns.find((arn) => /gbv-?referral/i.test(arn));
  if (!machine) throw new Error('no gbv-referral state machine in the app');
  return `${machine.replace(':stateMachine:', ':execution:')}:${caseId}`;
};

type MarkedCase = CasePage & { failure?: { state: string; error: string; executionArn: string } | null };

describe('faults in the GBV referral workflow (local runtime, fault injection)', () => {
  afterAll(clearFaults);

  it('marks the case when planning fails past its retries; a redrive once the fault is gone sends the referrals', async () => {
    expect(planning).toBeDefined();
    const set = await fetch(`${app.endpoints.api}/_local/faults/${planning}`, {
      method: 'PUT',
      body: JSON.stringify({ kind: 'throttle' }),
    });
    expect(set.ok).toBe(true);
    const { caseId } = await openCase(api, caseCommand());
    const arn = executionArn(caseId);
    const failed = await eventually<DescribeExecutionCommandOutput>(async () => {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
      return described.status === 'RUNNING' ? undefined : described;
    }, 90_000);
    expect(failed).toMatchObject({ status: 'FAILED', error: THROTTLED });

    const marked = (await caseWhen(api, caseId, (page) =>
      Boolean((page as MarkedCase).failure),
    )) as MarkedCase;
    expect(marked.failure).toMatchObject({ state: 'Plan referrals', error: THROTTLED, executionArn: arn });
    expect(marked.status).toBe('OPEN');
    expect(marked.referrals).toEqual([]);

    await clearFaults();
    await sfn.send(new RedriveExecutionCommand({ executionArn: arn, clientToken: randomUUID() }));
    const resumed = (await caseWhen(
      api,
      caseId,
      (page) => !(page as MarkedCase).failure && allAwaiting('PARTNER_RESPONSE')(page),
      60_000,
    )) as MarkedCase;
    expect(resumed.referrals.map((referral) => referral.service).sort()).toEqual(['LEGAL', 'PSYCHOSOCIAL']);
    expect(resumed.status).toBe('OPEN');
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    // Past the step that failed: now waiting for the partners' answers.
    expect(described).toMatchObject({ status: 'RUNNING', redriveCount: 1 });
  });
});
