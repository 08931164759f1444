import { describe, expect, it } from 'vitest';
import {
  ALLOCATION_ID,
  DUE_PLAN,
  diagnostics,
  HOUSEHOLD_ID,
  runKitDispatch,
} from './kit-dispatch-harness.ts';

const outputOf = (run: Awaited<ReturnType<typeof runKitDispatch>>) =>
  run.result.status === 'SUCCEEDED' ? run.result.output : undefined;

describe('kit-dispatch workflow', () => {
  it('is a valid definition for the engine', () => {
    expect(diagnostics().filter((d) => d.severity === 'ERROR')).toEqual([]);
  });

  it('reserves, issues a voucher and ends with the confirmed status', async () => {
    const run = await runKitDispatch({
      reserve: { status: 'RESERVED' },
      confirmation: { status: 'DISTRIBUTED' },
    });
    expect(run.result.status).toBe('SUCCEEDED');
    // Four states entered (billed transitions): the confirmation wait ends the execution itself,
    // and the voucher is issued by the Lambda that parks the confirmation token.
    expect(run.path).toEqual(['Compute entitlement', 'Kits due?', 'Reserve kits', 'Wait for confirmation']);
    expect(run.names).toEqual(['compute-entitlement', 'reserve-kits', 'issue-voucher']);
    expect(run.payloads[2]).toEqual({ allocationId: ALLOCATION_ID, taskToken: expect.any(String) });
    expect(outputOf(run)).toEqual({
      householdId: HOUSEHOLD_ID,
      allocationId: ALLOCATION_ID,
      status: 'DISTRIBUTED',
    });
    // The reservation step carries the allocation's identifiers, lines and its own token; nothing else.
    const reserve = run.payloads[1]!;
    expect(Object.keys(reserve).sort()).toEqual(
      [
        'allocationId',
        'householdId',
        'lines',
        'partnerId',
        'registeredAt',
        'round',
        'siteId',
        'taskToken',
      ].sort(),
    );
    expect(reserve['lines']).toEqual(DUE_PLAN.lines);
    expect(typeof reserve['taskToken']).toBe('string');
  });

  it('passes the round and a shortened confirmation wait to the entitlement step, and uses the timeout it returns', async () => {
    const run = await runKitDispatch(
      {
        plan: { ...DUE_PLAN, confirmationTimeoutSeconds: 5 },
        reserve: { status: 'RESERVED' },
        confirmation: { status: 'PARTIAL' },
      },
      { householdId: HOUSEHOLD_ID, round: '2026-R2', confirmationTimeoutSeconds: 5 },
    );
    expect(run.payloads[0]).toEqual({
      householdId: HOUSEHOLD_ID,
      round: '2026-R2',
      confirmationTimeoutSeconds: 5,
    });
    const wait = run.tasks.find(
      (task) =>
        task.resource.endsWith('.waitForTaskToken') &&
        JSON.stringify(task.parameters).includes('issue-voucher'),
    );
    expect(wait?.heartbeatSeconds).toBe(5);
    expect(wait?.timeoutSeconds).toBe(65);
    expect(outputOf(run)).toMatchObject({ status: 'PARTIAL' });
  });

  it('defaults the round and the wait when the input (from intake) has only the household id', async () => {
    const run = await runKitDispatch({
      reserve: { status: 'RESERVED' },
      confirmation: { status: 'DISTRIBUTED' },
    });
    expect(run.payloads[0]).toEqual({
      householdId: HOUSEHOLD_ID,
      round: null,
      confirmationTimeoutSeconds: null,
    });
  });

  it('releases the reservation when the confirmation wait times out', async () => {
    for (const error of ['States.HeartbeatTimeout', 'States.Timeout']) {
      const run = await runKitDispatch({ reserve: { status: 'RESERVED' }, confirmation: { error } });
      expect(run.result.status).toBe('SUCCEEDED');
      expect(run.path.slice(-2)).toEqual(['Release reservation', 'Closed without distribution']);
      expect(run.payloads.at(-1)).toEqual({ allocationId: ALLOCATION_ID, reason: 'confirmation-timeout' });
      expect(outputOf(run)).toMatchObject({ status: 'EXPIRED' });
    }
  });

  it('reports the status a confirmation recorded just before the timeout released nothing', async () => {
    const run = await runKitDispatch({
      reserve: { status: 'RESERVED' },
      confirmation: { error: 'States.HeartbeatTimeout' },
      expireStatus: 'DISTRIBUTED',
    });
    expect(outputOf(run)).toMatchObject({ status: 'DISTRIBUTED' });
  });

  it('takes a household that waited for stock until the round closed off the waitlist', async () => {
    const run = await runKitDispatch({ reserve: { error: 'States.HeartbeatTimeout' } });
    expect(run.path.slice(-3)).toEqual(['Reserve kits', 'Leave waitlist', 'Closed without distribution']);
    expect(run.payloads.at(-1)).toEqual({ allocationId: ALLOCATION_ID, reason: 'waitlist-timeout' });
    const reserve = run.tasks.find((task) => JSON.stringify(task.parameters).includes('reserve-kits'));
    expect(reserve?.heartbeatSeconds).toBe(DUE_PLAN.waitlistTimeoutSeconds);
  });

  it('ends without reserving when nothing is due', async () => {
    for (const outcome of ['NOT_ELIGIBLE', 'NO_ROUND', 'NOTHING_DUE']) {
      const run = await runKitDispatch({ plan: { ...DUE_PLAN, outcome } });
      expect(run.result.status).toBe('SUCCEEDED');
      expect(run.path.at(-1)).toBe('Nothing to dispatch');
      expect(run.names).toEqual(['compute-entitlement']);
      expect(outputOf(run)).toEqual({ householdId: HOUSEHOLD_ID, outcome });
    }
  });

  it('ends with the status of an allocation an earlier dispatch already settled', async () => {
    // The confirmation step's Lambda finds the allocation settled and answers its token at once.
    const run = await runKitDispatch({
      reserve: { status: 'DISTRIBUTED' },
      confirmation: { status: 'DISTRIBUTED' },
    });
    expect(run.path.at(-1)).toBe('Wait for confirmation');
    expect(outputOf(run)).toEqual({
      householdId: HOUSEHOLD_ID,
      allocationId: ALLOCATION_ID,
      status: 'DISTRIBUTED',
    });
  });

  it('gives the kits back before failing when a step after the reservation fails', async () => {
    const run = await runKitDispatch({
      reserve: { status: 'RESERVED' },
      confirmation: { error: 'KitDispatch.TaskFailed' },
    });
    expect(run.result.status).toBe('FAILED');
    expect(run.path.slice(-2)).toEqual(['Release after failure', 'Dispatch failed']);
    expect(run.payloads.at(-1)).toEqual({ allocationId: ALLOCATION_ID, reason: 'workflow-failure' });
    if (run.result.status === 'FAILED') {
      expect(run.result.error).toBe('KitDispatch.Failed');
      expect(run.result.cause).toContain('Wait for confirmation');
    }
  });

  it('fails at the entitlement step, uncaught and without touching stock, so a redrive re-runs it', async () => {
    const run = await runKitDispatch({ failing: 'compute-entitlement' });
    expect(run.result.status).toBe('FAILED');
    expect(run.path).toEqual(['Compute entitlement']);
    expect(run.names.every((name) => name === 'compute-entitlement')).toBe(true);
  });
});
