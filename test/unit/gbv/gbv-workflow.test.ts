import { describe, expect, it } from 'vitest';
import { CASE_ID, diagnostics, runGbv, waits } from './gbv-workflow-harness.ts';

const R1 = '01JD3Q4Z5X6Y7W8V9T0S1R2QA1';
const R2 = '01JD3Q4Z5X6Y7W8V9T0S1R2QA2';
const TIMEOUT = { error: 'States.HeartbeatTimeout' };

describe('gbv-referral workflow', () => {
  it('is a valid definition for the engine', () => {
    expect(diagnostics().filter((d) => d.severity === 'ERROR')).toEqual([]);
  });

  it('runs a case from referrals to approved closure', async () => {
    const run = await runGbv({
      referralIds: [R1, R2],
      answers: {
        PARTNER_RESPONSE: [{ decision: 'ACCEPT' }, { decision: 'ACCEPT' }],
        IMPLEMENTATION: [{ outcome: 'DONE' }, { outcome: 'DONE' }],
        FOLLOW_UP: [
          { kind: 'FOLLOW_UP' },
          { kind: 'FOLLOW_UP' },
          { kind: 'FOLLOW_UP' },
          { kind: 'CLOSURE_REQUESTED' },
        ],
        CLOSURE_DECISION: [{ decision: 'APPROVE' }],
      },
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path.filter((s) => s === 'Service implemented')).toHaveLength(2);
    expect(run.path.filter((s) => s === 'Wait for follow-up')).toHaveLength(4);
    expect(run.path.slice(-3)).toEqual(['Closure decision', 'Close case', 'Case closed']);
    expect(run.output).toEqual({ caseId: CASE_ID, status: 'CLOSED' });
  });

  it('returns a declined referral to the caseworker and waits for the new partner', async () => {
    const run = await runGbv({
      referralIds: [R1],
      answers: {
        PARTNER_RESPONSE: [{ decision: 'DECLINE' }, { decision: 'ACCEPT' }],
        REASSIGNMENT: [{ decision: 'REASSIGNED' }],
        IMPLEMENTATION: [{ outcome: 'DONE' }],
        FOLLOW_UP: [{ kind: 'CLOSURE_REQUESTED' }],
        CLOSURE_DECISION: [{ decision: 'APPROVE' }],
      },
    });
    expect(run.status).toBe('SUCCEEDED');
    const steps = waits(run).map((p) => p['step']);
    expect(steps.slice(0, 4)).toEqual([
      'PARTNER_RESPONSE',
      'REASSIGNMENT',
      'PARTNER_RESPONSE',
      'IMPLEMENTATION',
    ]);
  });

  it('returns an unanswered referral once its due check says the timeframe is over', async () => {
    const run = await runGbv({
      referralIds: [R1],
      answers: {
        PARTNER_RESPONSE: [TIMEOUT, TIMEOUT, { decision: 'ACCEPT' }],
        REASSIGNMENT: [{ decision: 'REASSIGNED' }],
        IMPLEMENTATION: [{ outcome: 'DONE' }],
        FOLLOW_UP: [{ kind: 'CLOSURE_REQUESTED' }],
        CLOSURE_DECISION: [{ decision: 'APPROVE' }],
      },
      due: { PARTNER_RESPONSE: [false, true] },
    });
    expect(run.status).toBe('SUCCEEDED');
    const steps = waits(run).map((p) => p['step']);
    expect(steps.slice(0, 5)).toEqual([
      'PARTNER_RESPONSE',
      'PARTNER_RESPONSE',
      'REASSIGNMENT',
      'PARTNER_RESPONSE',
      'IMPLEMENTATION',
    ]);
    expect(run.path.filter((s) => s === 'Check answer due')).toHaveLength(2);
  });

  it('ends a revoked referral cleanly while the other goes on', async () => {
    const run = await runGbv({
      referralIds: [R1, R2],
      answers: {
        [`PARTNER_RESPONSE:${R1}`]: [{ error: 'Gbv.ReferralRevoked' }],
        [`PARTNER_RESPONSE:${R2}`]: [{ decision: 'ACCEPT' }],
        [`IMPLEMENTATION:${R2}`]: [{ outcome: 'DONE' }],
        FOLLOW_UP: [{ kind: 'CLOSURE_REQUESTED' }],
        CLOSURE_DECISION: [{ decision: 'APPROVE' }],
      },
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path).toContain('Referral revoked');
    expect(run.path).toContain('Service implemented');
  });

  it('ends a referral revoked between two steps (the parking task fails)', async () => {
    const run = await runGbv({
      referralIds: [R1],
      answers: {
        PARTNER_RESPONSE: [{ decision: 'DECLINE' }],
        REASSIGNMENT: [{ error: 'ReferralRevokedError' }],
        FOLLOW_UP: [{ kind: 'CLOSURE_REQUESTED' }],
        CLOSURE_DECISION: [{ decision: 'APPROVE' }],
      },
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path).toContain('Referral revoked');
  });

  it('checks a follow-up when its heartbeat lapses and keeps waiting', async () => {
    const run = await runGbv({
      referralIds: [],
      answers: {
        FOLLOW_UP: [TIMEOUT, { kind: 'FOLLOW_UP' }, { kind: 'CLOSURE_REQUESTED' }],
        CLOSURE_DECISION: [{ decision: 'APPROVE' }],
      },
      due: { FOLLOW_UP: [true] },
    });
    expect(run.status).toBe('SUCCEEDED');
    const check = run.tasks.find((t) =>
      (t.parameters as { FunctionName: string }).FunctionName.endsWith(':check-due'),
    );
    expect((check?.parameters as { Payload?: unknown } | undefined)?.Payload).toEqual({
      caseId: CASE_ID,
      referralId: null,
      step: 'FOLLOW_UP',
      at: expect.any(String),
    });
  });

  it('plans again when a consent override comes in during follow-ups', async () => {
    const run = await runGbv({
      referralIds: [],
      answers: {
        FOLLOW_UP: [{ kind: 'REPLAN' }, { kind: 'CLOSURE_REQUESTED' }],
        CLOSURE_DECISION: [{ decision: 'APPROVE' }],
      },
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path.filter((s) => s === 'Plan referrals')).toHaveLength(2);
  });

  it('goes back to follow-ups when the supervisor rejects the closure', async () => {
    const run = await runGbv({
      referralIds: [],
      answers: {
        FOLLOW_UP: [{ kind: 'CLOSURE_REQUESTED' }, { kind: 'CLOSURE_REQUESTED' }],
        CLOSURE_DECISION: [{ decision: 'REJECT' }, { decision: 'APPROVE' }],
      },
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.path.filter((s) => s === 'Wait for closure approval')).toHaveLength(2);
  });

  it('fails at the planning step, uncaught, so a redrive re-runs it', async () => {
    const run = await runGbv({
      referralIds: [],
      answers: {},
      failing: { function: 'plan-referrals', error: 'GbvItemMissingError' },
    });
    expect(run.status).toBe('FAILED');
    // The step's own error ends the execution; the case is marked from its status-change event.
    expect(run.error).toBe('GbvItemMissingError');
  });

  it('passes identifiers, step names and instants only to its tasks', async () => {
    const run = await runGbv({
      referralIds: [R1],
      answers: {
        PARTNER_RESPONSE: [{ decision: 'ACCEPT' }],
        IMPLEMENTATION: [{ outcome: 'DONE' }],
        FOLLOW_UP: [{ kind: 'CLOSURE_REQUESTED' }],
        CLOSURE_DECISION: [{ decision: 'APPROVE' }],
      },
    });
    const keys = new Set(
      run.tasks.flatMap((t) => Object.keys((t.parameters as { Payload: Record<string, unknown> }).Payload)),
    );
    expect([...keys].sort()).toEqual(['at', 'caseId', 'referralId', 'step', 'taskToken']);
    const callbacks = run.tasks.filter((t) => t.resource.endsWith('.waitForTaskToken'));
    for (const callback of callbacks) {
      expect(callback.heartbeatSeconds).toBeLessThan(callback.timeoutSeconds ?? 0);
      expect(callback.heartbeatSeconds).toBeLessThanOrEqual(7 * 86_400);
    }
  });
});
