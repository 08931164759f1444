import { blockingKey, nearMatchBlockingKeys } from '#domain/dedupe/blocking-key.ts';
import { identityFingerprint } from '#domain/dedupe/identity-fingerprint.ts';
import { nearMatch } from '#domain/dedupe/near-match.ts';
import type { Clock } from '#domain/ports/clock.ts';
import { HouseholdMissingError, type HouseholdStore } from '../adapters/registry/household-store.ts';
import type { DedupeResult } from '../adapters/registry/records.ts';
import { HouseholdStateError } from './task-errors.ts';

export interface DeduplicationDeps {
  households: HouseholdStore;
  clock: Clock;
}

/** What the workflow branches on; identifiers and an outcome code only. */
export interface DeduplicationOutput {
  householdId: string;
  outcome: DedupeResult['outcome'];
  matchHouseholdId: string | null;
}

/**
 * Registers a received household under its identity, or links it to the household that already
 * holds that identity. Near matches (a letter or a birth year apart, same site) are registered
 * and flagged for a supervisor. Safe to run again: a household already deduplicated answers with
 * the stored result.
 */
export async function deduplicateHousehold(
  deps: DeduplicationDeps,
  householdId: string,
): Promise<DeduplicationOutput> {
  const household = await deps.households.get(householdId);
  if (!household) throw new HouseholdMissingError(householdId);
  if (household.dedupe) return output(householdId, household.dedupe);
  if (household.status !== 'RECEIVED')
    throw new HouseholdStateError(householdId, household.status, 'Deduplicate');

  const at = deps.clock.now().toISOString();
  const candidatePages = await Promise.all(
    nearMatchBlockingKeys(household).map((key) => deps.households.findByBlockingKey(key)),
  );
  const alike = candidatePages
    .flat()
    .find(
      (candidate) => candidate.householdId !== householdId && nearMatch(household, candidate) !== undefined,
    );
  const dedupe: DedupeResult = alike
    ? { outcome: 'NEAR_MATCH', matchHouseholdId: alike.householdId }
    : { outcome: 'UNIQUE' };

  const claim = await deps.households.claimIdentity(household, {
    fingerprint: identityFingerprint(household),
    blockingKey: blockingKey(household),
    dedupe,
    status: alike ? 'PENDING_REVIEW' : 'REGISTERED',
    at,
  });
  if (claim.claimed) return output(householdId, dedupe);
  await deps.households.markDuplicate(household, claim.ownerHouseholdId, at);
  return output(householdId, { outcome: 'DUPLICATE', matchHouseholdId: claim.ownerHouseholdId });
}

const output = (householdId: string, dedupe: DedupeResult): DeduplicationOutput => ({
  householdId,
  outcome: dedupe.outcome,
  matchHouseholdId: dedupe.matchHouseholdId ?? null,
});
