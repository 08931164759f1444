import { NotFoundError } from '#shared/errors/http-errors.ts';
import type { HttpContext } from '#shared/http/http-context.ts';
import type { ProtectionStore } from '../adapters/protection/protection-store.ts';
import type { AwaitedStep, ReferralRecord, ReferralStatus } from '../adapters/protection/records.ts';
import { StepNotAwaitedError } from './gbv-errors.ts';

/**
 * The referral a receiving partner acts on: it exists, belongs to the caller's organisation, and
 * its workflow is waiting for exactly this step; otherwise 404, 403 or 409.
 */
export async function partnerReferralAt(
  store: Pick<ProtectionStore, 'getReferral'>,
  referralId: string,
  context: Pick<HttpContext, 'authorize'>,
  expected: { status: ReferralStatus; step: AwaitedStep; stepName: string },
): Promise<{ referral: ReferralRecord; waiting: NonNullable<ReferralRecord['waiting']> }> {
  const referral = await store.getReferral(referralId);
  if (!referral) throw new NotFoundError({ entityType: 'gbv-referral', entityId: referralId });
  context.authorize({ partnerId: referral.partnerId });
  const waiting = referral.waiting;
  if (referral.status !== expected.status || !waiting || waiting.step !== expected.step)
    throw new StepNotAwaitedError({
      entityType: 'gbv-referral',
      entityId: referral.referralId,
      step: expected.stepName,
    });
  return { referral, waiting };
}
