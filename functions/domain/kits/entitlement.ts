import type { HouseholdMembers } from '../household/household.ts';
import type { EntitlementBasis, KitCatalog } from './kit-catalog.ts';

/** A distribution round: how many days the ration covers and, optionally, which kits it hands out. */
export interface DistributionRound {
  roundId: string;
  rationDays: number;
  /** Kit types distributed this round; all catalog kits when absent. */
  kitTypes?: readonly string[];
}

/** One line of an entitlement or allocation. */
export interface KitLine {
  kitType: string;
  quantity: number;
}

/**
 * The kits a household is entitled to in a round, from the catalog's scaling rules. Lines with a
 * zero quantity (no woman of 12–49 for a dignity kit) are left out. Pure and deterministic.
 */
export function computeEntitlement(
  household: { members: HouseholdMembers },
  round: DistributionRound,
  catalog: KitCatalog,
): KitLine[] {
  const lines: KitLine[] = [];
  for (const kit of catalog.kits) {
    if (round.kitTypes && !round.kitTypes.includes(kit.kitType)) continue;
    const quantity = quantityFor(kit.entitlement, household.members, round.rationDays);
    if (quantity > 0) lines.push({ kitType: kit.kitType, quantity });
  }
  return lines;
}

function quantityFor(rule: EntitlementBasis, members: HouseholdMembers, rationDays: number): number {
  switch (rule.basis) {
    case 'PERSON_DAYS':
      return Math.ceil((members.total * rationDays) / rule.personDaysPerKit);
    case 'HOUSEHOLD':
      return rule.perHousehold;
    case 'PERSON_MONTHS':
      return members.total * rule.perPersonMonth * Math.ceil(rationDays / rule.daysPerMonth);
    case 'WOMEN_AND_GIRLS_12_TO_49':
      return members.womenAndGirls12to49 * rule.perPerson;
  }
}
