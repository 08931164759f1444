import type { HouseholdStore } from './household-store.ts';
import type { HouseholdRecord } from './records.ts';

/**
 * The household as a redriven workflow step must see it. The failure mark (status FAILED, the
 * status it interrupted kept beside it) is cleared by the redrive's status-change event, which
 * EventBridge delivers a moment after the redrive starts: the step can get there first and would
 * take the household for ineligible or undecidable. So the step clears the mark itself; whichever
 * of the two clears first runs `onCleared` (the audit record), the other finds nothing to clear.
 */
export async function householdAfterRedrive(
  households: Pick<HouseholdStore, 'get' | 'clearFailure'>,
  householdId: string,
  at: string,
  onCleared: () => Promise<void>,
): Promise<HouseholdRecord | undefined> {
  const household = await households.get(householdId);
  if (household?.status !== 'FAILED') return household;
  const restored = await households.clearFailure(householdId, at);
  if (restored) await onCleared();
  return restored ?? (await households.get(householdId));
}
