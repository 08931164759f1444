import {
  confirmationTimeoutSeconds,
  currentRound,
  type DistributionSettings,
} from '#domain/kits/distribution-settings.ts';
import { computeEntitlement, type KitLine } from '#domain/kits/entitlement.ts';
import type { KitCatalog } from '#domain/kits/kit-catalog.ts';
import { allocationIdOf } from '../adapters/kits/keys.ts';
import type { HouseholdRecord } from '../adapters/registry/records.ts';

/** What the kit-dispatch workflow learns before reserving: identifiers, kit lines and timeouts only. */
export interface EntitlementPlan {
  outcome: 'DUE' | 'NOTHING_DUE' | 'NOT_ELIGIBLE' | 'NO_ROUND';
  householdId: string;
  allocationId: string | null;
  round: string | null;
  siteId: string | null;
  lines: KitLine[];
  registeredAt: string | null;
  partnerId: string | null;
  /** How long an allocation may wait for stock: until its round closes (at least an hour). */
  waitlistTimeoutSeconds: number;
  confirmationTimeoutSeconds: number;
}

const MIN_WAIT_SECONDS = 3600;

/**
 * The allocation a household is due in a round: the requested round, or the one open today.
 * Pure: the household, configuration and time come in.
 */
export function planEntitlement(input: {
  householdId: string;
  household: HouseholdRecord | undefined;
  requestedRound: string | undefined;
  confirmationTimeoutOverride: number | undefined;
  catalog: KitCatalog;
  settings: DistributionSettings;
  now: Date;
}): EntitlementPlan {
  const { householdId, household, settings, now } = input;
  const round = input.requestedRound
    ? settings.rounds.find((candidate) => candidate.roundId === input.requestedRound)
    : currentRound(settings.rounds, now);
  const closesAt = round ? Date.parse(`${round.closesOn}T23:59:59Z`) : now.getTime();
  const plan: EntitlementPlan = {
    outcome: 'DUE',
    householdId,
    allocationId: round ? allocationIdOf(householdId, round.roundId) : null,
    round: round?.roundId ?? null,
    siteId: household?.location.site ?? null,
    lines: [],
    registeredAt: household?.createdAt ?? null,
    partnerId: household?.partnerId ?? null,
    waitlistTimeoutSeconds: Math.max(MIN_WAIT_SECONDS, Math.floor((closesAt - now.getTime()) / 1000)),
    confirmationTimeoutSeconds: input.confirmationTimeoutOverride ?? confirmationTimeoutSeconds(settings),
  };
  if (household?.status !== 'ELIGIBLE') return { ...plan, outcome: 'NOT_ELIGIBLE' };
  if (!round) return { ...plan, outcome: 'NO_ROUND' };
  const lines = computeEntitlement(household, round, input.catalog);
  return lines.length === 0 ? { ...plan, outcome: 'NOTHING_DUE' } : { ...plan, lines };
}
