import type * as z from 'zod';
import { responseDueAt } from '#domain/gbv/response-timeframe.ts';
import { taskHandler } from '#shared/task/task-handler.ts';
import { caseKey, referralKey } from '../../adapters/protection/keys.ts';
import type { AwaitedStep, CaseStatus, ReferralStatus } from '../../adapters/protection/records.ts';
import { type GbvDeps, gbvDeps } from '../gbv-deps.ts';
import { GbvItemMissingError, ReferralRevokedError } from '../gbv-errors.ts';
import type { awaitStepSchema } from './task-input.ts';
import { awaitStepSchema as schema } from './task-input.ts';

/** The status a case or referral has while it waits for each step. */
const REFERRAL_STATUS: Partial<Record<AwaitedStep, ReferralStatus>> = {
  PARTNER_RESPONSE: 'IN_PROGRESS',
  REASSIGNMENT: 'RETURNED',
  IMPLEMENTATION: 'ACCEPTED',
};
const CASE_STATUS: Partial<Record<AwaitedStep, CaseStatus>> = {
  FOLLOW_UP: 'OPEN',
  CLOSURE_DECISION: 'CLOSURE_REQUESTED',
};

/** A step's state does not allow waiting for it (e.g. a replayed execution). */
export class StepStateError extends Error {
  constructor(entityId: string, step: string) {
    super(`${entityId} is not in the state ${step} waits in`);
    this.name = 'StepStateError';
  }
}

/**
 * Parks a workflow task token on the referral or case it waits for, so the API call that records
 * the human action can send it back. A partner response step starts the referral's timeframe
 * the first time it is parked (after a reassignment, again). A revoked referral fails at once
 * with ReferralRevokedError, which the workflow catches.
 */
export async function awaitStep(
  deps: Pick<GbvDeps, 'store'>,
  input: z.output<typeof awaitStepSchema>,
): Promise<{ parked: true }> {
  const waiting = { step: input.step, taskToken: input.taskToken, since: input.at };
  if (input.referralId) {
    const referral = await deps.store.getReferral(input.referralId);
    if (!referral) throw new GbvItemMissingError('gbv-referral', input.referralId);
    if (referral.status === 'REVOKED') throw new ReferralRevokedError(referral.referralId);
    const expected = REFERRAL_STATUS[input.step];
    if (referral.status !== expected) throw new StepStateError(referral.referralId, input.step);
    const starts = input.step === 'PARTNER_RESPONSE' && referral.sentAt === null;
    await deps.store.write(
      [
        {
          kind: 'update',
          key: referralKey(referral.referralId),
          expect: { status: expected },
          set: {
            waiting,
            ...(starts
              ? {
                  sentAt: input.at,
                  dueAt: responseDueAt(new Date(input.at), referral.timeframe).toISOString(),
                }
              : {}),
          },
        },
      ],
      [],
    );
    return { parked: true };
  }
  const record = await deps.store.getCase(input.caseId);
  if (!record) throw new GbvItemMissingError('gbv-case', input.caseId);
  const expected = CASE_STATUS[input.step];
  if (record.status !== expected) throw new StepStateError(record.caseId, input.step);
  await deps.store.write(
    [{ kind: 'update', key: caseKey(record.caseId), expect: { status: expected }, set: { waiting } }],
    [],
  );
  return { parked: true };
}

/** Workflow callback tasks ("Wait for partner answer", "Wait for follow-up", …). */
export const handler = taskHandler({
  name: 'gbv.await-step',
  input: schema,
  core: (input) => awaitStep(gbvDeps(), input),
});
