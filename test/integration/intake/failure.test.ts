import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { cloudClients, eventually } from '../cloud/cloud-clients.ts';
import { appCloud, intakeApi, settledHousehold } from './intake-api.ts';

const app = appCloud();
const api = intakeApi(app, 'it-failure');
const screening = app.functionNames.find((name) => name.includes('FnIntakeScreenHousehold'));

describe('a failing step (local runtime, fault injection)', () => {
  afterAll(async () => {
    await fetch(`${app.endpoints.api}/_local/faults`, { method: 'DELETE' });
  });

  it('fails the execution at the step, and its status-change event marks the household with the step and error name', async () => {
    expect(screening).toBeDefined();
    const fault = { kind: 'throw', errorType: 'DeduplicationBrokenError', errorMessage: 'injected' };
    const set = await fetch(`${app.endpoints.api}/_local/faults/${screening}`, {
      method: 'PUT',
      body: JSON.stringify(fault),
    });
    expect(set.ok).toBe(true);

    const command = aHouseholdCommand();
    const accepted = await api.call<{ householdId: string; executionArn: string }>('POST', '/households', {
      role: 'intake',
      body: { ...command, location: { ...command.location, site: 'SITE-IT-FAIL' } },
    });
    expect(accepted.status).toBe(202);
    const page = await settledHousehold(api, accepted.body.householdId);
    expect(page.household.status).toBe('FAILED');
    expect(page.household.failure).toMatchObject({
      state: 'Screen household',
      error: 'DeduplicationBrokenError',
    });

    const { sfn } = cloudClients(app.endpoints);
    const execution = await eventually(async () => {
      const described = await sfn.send(
        new DescribeExecutionCommand({ executionArn: accepted.body.executionArn }),
      );
      return described.status === 'RUNNING' ? undefined : described;
    });
    // Uncaught: the step's own error ends the execution there, so a redrive would re-run it.
    expect(execution).toMatchObject({ status: 'FAILED', error: 'DeduplicationBrokenError' });
    expect(page.household.failure).toMatchObject({ executionArn: accepted.body.executionArn });

    const failed = await api.call<{ items: { householdId: string }[] }>(
      'GET',
      '/households?site=SITE-IT-FAIL&status=FAILED',
      {
        role: 'supervisor',
      },
    );
    expect(failed.body.items.map((item) => item.householdId)).toEqual([accepted.body.householdId]);
  });

  it('resumes once the fault is gone, when an operator starts the intake again', async () => {
    const command = aHouseholdCommand();
    const body = {
      ...command,
      headOfHousehold: { ...command.headOfHousehold, givenName: 'Safiatou', familyName: 'Bocoum' },
      location: { ...command.location, site: 'SITE-IT-RESUME' },
    };
    await fetch(`${app.endpoints.api}/_local/faults/${screening}`, {
      method: 'PUT',
      body: JSON.stringify({ kind: 'throw', errorType: 'DeduplicationBrokenError' }),
    });
    const accepted = await api.call<{ householdId: string }>('POST', '/households', { role: 'intake', body });
    expect((await settledHousehold(api, accepted.body.householdId)).household.status).toBe('FAILED');

    await fetch(`${app.endpoints.api}/_local/faults`, { method: 'DELETE' });
    const { sfn } = cloudClients(app.endpoints);
    const intake = app.stateMachineArns.find((arn) => arn.includes('Workflowintake'));
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: intake,
        name: `${accepted.body.householdId}-retry-1`,
        input: JSON.stringify({ householdId: accepted.body.householdId }),
      }),
    );
    const page = await settledHousehold(
      api,
      accepted.body.householdId,
      (p) => p.household.status === 'ELIGIBLE',
    );
    expect(page.household.failure).toBeUndefined();
    expect(page.decision).toMatchObject({ outcome: 'ELIGIBLE', decidedBy: 'rules' });
    const listed = await api.call<{ items: { householdId: string }[] }>(
      'GET',
      '/households?site=SITE-IT-RESUME&status=ELIGIBLE',
      { role: 'supervisor' },
    );
    expect(listed.body.items.map((item) => item.householdId)).toEqual([accepted.body.householdId]);
  });
});
