import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { decideEligibility } from '../../../functions/domain/targeting/decide-eligibility.ts';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { shippedRuleSet } from '../../fixtures/domain/rule-set.ts';
import { cloudClients } from '../cloud/cloud-clients.ts';
import { appCloud, householdsRegisteredBy, intakeApi, settledHousehold } from './intake-api.ts';

const app = appCloud();
const api = intakeApi(app, 'it-eligibility');

const household = (givenName: string, familyName: string, site: string) => {
  const command = aHouseholdCommand();
  return {
    ...command,
    headOfHousehold: { ...command.headOfHousehold, givenName, familyName },
    location: { ...command.location, site },
  };
};

describe('POST /households to an eligibility decision (local runtime)', () => {
  it('registers a household, runs its workflow, and stores the decision the rules give, with reasons', async () => {
    const command = household('Kadiatou', 'Sangaré', 'SITE-IT-ELIG');
    const accepted = await api.call<{ householdId: string; status: string; executionArn: string }>(
      'POST',
      '/households',
      {
        role: 'intake',
        body: command,
      },
    );
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({
      status: 'RECEIVED',
      executionArn: expect.stringContaining(accepted.body.householdId),
    });

    const page = await settledHousehold(api, accepted.body.householdId);
    const expected = decideEligibility(command as never, shippedRuleSet(), new Date());
    expect(page.household.status).toBe(expected.outcome);
    expect(page.decision).toMatchObject({
      outcome: expected.outcome,
      ruleSetVersion: expected.ruleSetVersion,
      decidedBy: 'rules',
    });
    expect(page.decision?.reasons.map((reason) => reason.code)).toEqual(
      expected.reasons.map((reason) => reason.code),
    );

    const { sfn } = cloudClients(app.endpoints);
    const execution = await sfn.send(
      new DescribeExecutionCommand({ executionArn: accepted.body.executionArn }),
    );
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.input ?? '{}')).toEqual({ householdId: accepted.body.householdId });
    // Operators read the history: no name, phone or birth year may appear in it.
    const history = JSON.stringify(
      await sfn.send(
        new GetExecutionHistoryCommand({ executionArn: accepted.body.executionArn, maxResults: 1000 }),
      ),
    );
    for (const personal of ['Kadiatou', 'Sangaré', '+223', '1988']) expect(history).not.toContain(personal);

    // Every change to the household is in the append-only audit trail, by identifier.
    const { dynamodb } = cloudClients(app.endpoints);
    const audit = await dynamodb.send(
      new QueryCommand({
        TableName: app.tableNames.find((name) => name.includes('Audit')),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `ENTITY#household#${accepted.body.householdId}` } },
      }),
    );
    expect(audit.Items?.map((item) => item['action']?.S)).toEqual(
      expect.arrayContaining([
        'household.register',
        'household.deduplicate:unique',
        `household.decide-eligibility:${expected.outcome.toLowerCase()}`,
      ]),
    );
    expect(JSON.stringify(audit.Items)).not.toContain('Kadiatou');
  });

  it('decides INELIGIBLE with the reason when no criterion is met', async () => {
    const base = household('Oumar', 'Guindo', 'SITE-IT-INEL');
    const command = {
      ...base,
      headOfHousehold: { ...base.headOfHousehold, sex: 'M' },
      members: { ...base.members, childrenUnder5: 0, pregnantOrLactating: 0 },
      displacement: 'HOST',
      foodSecurity: {
        fcs: { staples: 7, pulses: 5, meatFish: 4, vegetables: 7, fruit: 3, dairy: 3, oil: 7, sugar: 7 },
        rcsi: 0,
        hhs: 0,
      },
    };
    const accepted = await api.call<{ householdId: string }>('POST', '/households', {
      role: 'intake',
      body: command,
    });
    const page = await settledHousehold(api, accepted.body.householdId);
    expect(page.household.status).toBe('INELIGIBLE');
    expect(page.decision?.reasons).toEqual([
      { code: 'NO_CRITERION_MET', params: {}, message: expect.any(String) },
    ]);
  });

  it('answers a retry with the same Idempotency-Key with the first answer, creating nothing', async () => {
    const command = household('Mariam', 'Dicko', 'SITE-IT-IDEM');
    const headers = { 'idempotency-key': 'it-idem-0001' };
    const first = await api.call<{ householdId: string }>('POST', '/households', {
      role: 'intake',
      body: command,
      headers,
    });
    await settledHousehold(api, first.body.householdId);
    const before = await householdsRegisteredBy(app, await api.subject('intake'));
    const again = await api.call<{ householdId: string }>('POST', '/households', {
      role: 'intake',
      body: command,
      headers,
    });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(await householdsRegisteredBy(app, await api.subject('intake'))).toBe(before);
    const reused = await api.call('POST', '/households', {
      role: 'intake',
      body: household('Other', 'Person', 'SITE-IT-IDEM'),
      headers,
    });
    expect(reused.status).toBe(422);
  });

  it('lists the site by status', async () => {
    const list = await api.call<{ items: { householdId: string; status: string }[] }>(
      'GET',
      '/households?site=SITE-IT-INEL&status=INELIGIBLE',
      { role: 'intake' },
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]?.status).toBe('INELIGIBLE');
  });
});
