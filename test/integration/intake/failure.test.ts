import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { cloudClients, eventually } from '../cloud/cloud-clients.ts';
import { appCloud, intakeApi, settledHousehold } from './intake-api.ts';

const app = appCloud();
const api = intakeApi(app);
const deduplicate = app.functionNames.find((name) => name.includes('FnIntakeDeduplicate'));

describe('a failing step (local runtime, fault injection)', () => {
  afterAll(async () => {
    await fetch(`${app.endpoints.api}/_local/faults`, { method: 'DELETE' });
  });

  it('records the failed step and error name on the household, and fails the execution', async () => {
    expect(deduplicate).toBeDefined();
    const fault = { kind: 'throw', errorType: 'DeduplicationBrokenError', errorMessage: 'injected' };
    const set = await fetch(`${app.endpoints.api}/_local/faults/${deduplicate}`, {
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
    expect(page.household.failure).toMatchObject({ state: 'Deduplicate', error: 'DeduplicationBrokenError' });

    const { sfn } = cloudClients(app.endpoints);
    const execution = await eventually(async () => {
      const described = await sfn.send(
        new DescribeExecutionCommand({ executionArn: accepted.body.executionArn }),
      );
      return described.status === 'RUNNING' ? undefined : described;
    });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'Intake.Failed' });
    expect(execution.cause).toBe('Step Deduplicate failed with DeduplicationBrokenError.');

    const failed = await api.call<{ items: { householdId: string }[] }>(
      'GET',
      '/households?site=SITE-IT-FAIL&status=FAILED',
      {
        role: 'supervisor',
      },
    );
    expect(failed.body.items.map((item) => item.householdId)).toEqual([accepted.body.householdId]);
  });
});
