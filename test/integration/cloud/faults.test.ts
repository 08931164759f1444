import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { cloudClients, eventually, tokenFor } from './cloud-clients.ts';

const cloud = inject('fixtureCloud');
const { sfn } = cloudClients(cloud.endpoints);
const api = cloud.endpoints.api;
const echo = 'FixtureService-Echo11F3FB29';

const setFault = (functionName: string, fault: unknown) =>
  fetch(`${api}/_local/faults/${functionName}`, { method: 'PUT', body: JSON.stringify(fault) });

afterEach(async () => {
  await fetch(`${api}/_local/faults`, { method: 'DELETE' });
});

async function finished(executionArn: string) {
  return eventually(async () => {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return described.status === 'RUNNING' ? undefined : described;
  });
}

describe('fault injection over HTTP', () => {
  it('makes a route’s function fail, then recover once the fault is cleared', async () => {
    const token = await tokenFor(cloud.dataDir, { role: 'caseworker' });
    const call = () => fetch(`${api}/items/f`, { headers: { authorization: `Bearer ${token}` } });
    expect((await setFault(echo, { kind: 'throw', errorType: 'Injected' })).status).toBe(200);
    expect((await call()).status).toBe(500);
    await fetch(`${api}/_local/faults/${echo}`, { method: 'DELETE' });
    expect((await call()).status).toBe(200);
  });

  it('surfaces to Step Functions as the function error, or as Lambda throttling', async () => {
    const stateMachineArn = cloud.stateMachineArns[0]!;
    await setFault(echo, {
      kind: 'throw',
      errorType: 'Household.Invalid',
      errorMessage: 'no members',
      times: 1,
    });
    const failed = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
    expect(await finished(failed.executionArn!)).toMatchObject({
      status: 'FAILED',
      error: 'Household.Invalid',
    });
    await setFault(echo, { kind: 'throttle', times: 1 });
    const throttled = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
    expect(await finished(throttled.executionArn!)).toMatchObject({
      status: 'FAILED',
      error: 'Lambda.TooManyRequestsException',
    });
  });

  it('refuses a fault of an unknown kind', async () => {
    expect((await setFault(echo, { kind: 'explode' })).status).toBe(400);
  });
});
