import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { cloudClients, eventually } from '../cloud/cloud-clients.ts';
import { appCloud, intakeApi, pendingReview, settledHousehold } from './intake-api.ts';

const app = appCloud();
const api = intakeApi(app, 'it-review');

describe('supervisor review (local runtime)', () => {
  it('puts a household the rules cannot decide in the queue, and resumes the workflow on the decision', async () => {
    const command = aHouseholdCommand();
    // No food-security indicator: the rule set asks a supervisor.
    const body = {
      ...command,
      headOfHousehold: { ...command.headOfHousehold, givenName: 'Hawa', familyName: 'Tembely' },
      location: { ...command.location, site: 'SITE-IT-REVIEW' },
      foodSecurity: {},
    };
    const accepted = await api.call<{ householdId: string; executionArn: string }>('POST', '/households', {
      role: 'intake',
      body,
    });
    const pending = await settledHousehold(api, accepted.body.householdId);
    expect(pending.household.status).toBe('PENDING_REVIEW');
    expect(pending.decision?.outcome).toBe('REVIEW');

    const reviewId = `${accepted.body.householdId}-eligibility`;
    const queue = await pendingReview(api, reviewId);
    expect(queue).toMatchObject({ kind: 'ELIGIBILITY', status: 'PENDING' });
    expect(JSON.stringify(queue)).not.toContain('taskToken');

    expect((await api.call('GET', '/reviews', { role: 'intake' })).status).toBe(403);
    const decided = await api.call('POST', `/reviews/${reviewId}/decision`, {
      role: 'supervisor',
      body: { decision: 'ELIGIBLE', note: 'Visited: no food in the house.' },
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'DECIDED', decision: 'ELIGIBLE', workflowResumed: true });

    const done = await settledHousehold(
      api,
      accepted.body.householdId,
      (page) => page.household.status === 'ELIGIBLE',
    );
    expect(done.decision).toMatchObject({ outcome: 'ELIGIBLE', decidedBy: 'supervisor' });
    const { sfn } = cloudClients(app.endpoints);
    const execution = await eventually(async () => {
      const described = await sfn.send(
        new DescribeExecutionCommand({ executionArn: accepted.body.executionArn }),
      );
      return described.status === 'RUNNING' ? undefined : described;
    });
    expect(execution.status).toBe('SUCCEEDED');

    const again = await api.call<{ error: { code: string } }>('POST', `/reviews/${reviewId}/decision`, {
      role: 'supervisor',
      body: { decision: 'INELIGIBLE', note: 'changed my mind' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REVIEW_ALREADY_DECIDED');
  });
});
