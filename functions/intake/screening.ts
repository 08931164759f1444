import { householdAfterRedrive } from '../adapters/registry/failure-mark.ts';
import type { ReviewKind } from '../adapters/registry/keys.ts';
import type { HouseholdStatus } from '../adapters/registry/records.ts';
import { type DeduplicationDeps, type DeduplicationOutput, deduplicateHousehold } from './deduplication.ts';
import { decideHouseholdEligibility, type EligibilityDeps, type EligibilityOutput } from './eligibility.ts';
import { HouseholdStateError } from './task-errors.ts';

/**
 * Where the intake workflow goes after screening (and after a supervisor's decision): one code,
 * so a single Choice routes both. REVIEW names its kind; NOT_RECEIVED ends the execution.
 */
export type ScreeningOutcome = 'ELIGIBLE' | 'INELIGIBLE' | 'REVIEW' | 'DUPLICATE' | 'NOT_RECEIVED';

/** What the workflow keeps in its variables: identifiers, codes and the registration time. */
export interface ScreeningOutput {
  householdId: string;
  outcome: ScreeningOutcome;
  reviewKind: ReviewKind | null;
  matchHouseholdId: string | null;
  /** Registration time: the workflow's failure and expiry steps rebuild the listing key with it. */
  createdAt: string | null;
}

/** Each step's result, for the audit trail (`household.<step>:<outcome>`). */
export type StepRecorder = (
  step: 'deduplicate' | 'decide-eligibility' | 'workflow-failure',
  outcome: string,
  related: Record<string, string | null | undefined>,
) => Promise<void>;

export type ScreeningDeps = DeduplicationDeps & EligibilityDeps & { recordStep: StepRecorder };

/** Statuses intake still has work for; any other means the household finished intake. */
const screenable: readonly HouseholdStatus[] = ['RECEIVED', 'REGISTERED', 'PENDING_REVIEW'];

/**
 * The intake workflow's first step: deduplication, then eligibility, in one Lambda because they
 * run back to back with no wait between them, and each Step Functions state entered is billed.
 * A household found FAILED (a redrive, or an operator restarted its intake) first gets back the status the
 * failure interrupted. Both steps answer from what they stored, so a retry or a restart decides
 * the same.
 */
export async function screenHousehold(deps: ScreeningDeps, householdId: string): Promise<ScreeningOutput> {
  // Audited as the workflow-failures function audits it: whichever clears the mark first writes
  // the one record (the other finds nothing to clear).
  const household = await householdAfterRedrive(
    deps.households,
    householdId,
    deps.clock.now().toISOString(),
    () => deps.recordStep('workflow-failure', 'cleared', {}),
  );
  if (household?.status === 'FAILED')
    throw new HouseholdStateError(householdId, 'FAILED', 'Screen household');
  if (!household) return notReceived(householdId);
  const screened = { householdId, matchHouseholdId: null, createdAt: household.createdAt };
  // A household already screened answers with what was stored, so the execution goes on: a replay
  // of this step (a crash lost the engine's record of the answer, or a retry after Lambda's timeout
  // struck past the write), or an ELIGIBLE household whose "Start kit dispatch" failed, restarted
  // or redriven (the dispatch is named after the household, so never started twice).
  if (household.status === 'ELIGIBLE' || household.status === 'INELIGIBLE')
    return { ...screened, outcome: household.status, reviewKind: null };
  if (household.status === 'DUPLICATE' && household.duplicateOf)
    return { ...screened, outcome: 'DUPLICATE', reviewKind: null, matchHouseholdId: household.duplicateOf };
  if (!screenable.includes(household.status)) return notReceived(householdId);

  const dedupe = await deduplicate(deps, householdId);
  if (dedupe.outcome === 'DUPLICATE') {
    return { ...screened, outcome: 'DUPLICATE', reviewKind: null, matchHouseholdId: dedupe.matchHouseholdId };
  }
  if (dedupe.outcome === 'NEAR_MATCH') {
    return {
      ...screened,
      outcome: 'REVIEW',
      reviewKind: 'duplicate',
      matchHouseholdId: dedupe.matchHouseholdId,
    };
  }
  return { ...screened, ...(await decide(deps, householdId)) };
}

const notReceived = (householdId: string): ScreeningOutput => ({
  householdId,
  outcome: 'NOT_RECEIVED',
  reviewKind: null,
  matchHouseholdId: null,
  createdAt: null,
});

/**
 * Eligibility as the workflow routes it: an outcome code, and the review kind when the rules ask
 * a supervisor. Also used after a supervisor rules a possible duplicate distinct.
 */
export async function decide(
  deps: EligibilityDeps & { recordStep: StepRecorder },
  householdId: string,
): Promise<{ outcome: ScreeningOutcome; reviewKind: ReviewKind | null }> {
  const eligibility: EligibilityOutput = await decideHouseholdEligibility(deps, householdId);
  await deps.recordStep('decide-eligibility', eligibility.outcome, {
    ruleSetVersion: eligibility.ruleSetVersion,
  });
  return {
    outcome: eligibility.outcome,
    reviewKind: eligibility.outcome === 'REVIEW' ? 'eligibility' : null,
  };
}

async function deduplicate(
  deps: DeduplicationDeps & { recordStep: StepRecorder },
  householdId: string,
): Promise<DeduplicationOutput> {
  const dedupe = await deduplicateHousehold(deps, householdId);
  await deps.recordStep('deduplicate', dedupe.outcome, { matchHouseholdId: dedupe.matchHouseholdId });
  return dedupe;
}
