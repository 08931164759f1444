import type { GbvSettings } from './gbv-settings.ts';
import type { ClosureReason } from './vocabulary.ts';

const DAY_MS = 86_400_000;

/** Why a closure request cannot go to the supervisor yet. */
export type ClosureProblem = 'CONTACT_TOO_RECENT' | 'REFERRALS_PENDING';

/**
 * Checks a caseworker's closure request before it is sent for supervisor approval. "No contact"
 * needs more than the configured days (30) since the last contact; a case with referrals still
 * awaiting an answer is closed only when the survivor asks, moved or was transferred (those
 * referrals are then revoked).
 */
export function closureProblems(
  request: { reason: ClosureReason },
  facts: { lastContactAt: Date; pendingReferrals: number },
  now: Date,
  settings: Pick<GbvSettings, 'closure'>,
): ClosureProblem[] {
  const problems: ClosureProblem[] = [];
  const daysWithoutContact = (now.getTime() - facts.lastContactAt.getTime()) / DAY_MS;
  if (request.reason === 'NO_CONTACT' && daysWithoutContact <= settings.closure.noContactDays)
    problems.push('CONTACT_TOO_RECENT');
  const survivorDriven = ['SURVIVOR_REQUEST', 'MOVED', 'TRANSFERRED'].includes(request.reason);
  if (facts.pendingReferrals > 0 && !survivorDriven) problems.push('REFERRALS_PENDING');
  return problems;
}
