/**
 * Keys of the kit-dispatch items in the registry table (see docs/DATA-MODEL.md, "Kit dispatch").
 * Nothing else spells them.
 */
import { allocationSkPrefix, householdPk } from '../registry/keys.ts';

/** Stock of one kit type at a site: one item per site and kit, the balances as numbers. */
export const stockPk = (siteId: string): string => `STOCK#${siteId}`;
export const stockSkPrefix = 'KIT#';
export const stockSk = (kitType: string): string => `${stockSkPrefix}${kitType}`;

/** Ledger movements live beside the balances of their site, in time order. */
export const movementSkPrefix = 'MOVE#';
export const movementSk = (at: string, movementId: string): string =>
  `${movementSkPrefix}${at}#${movementId}`;

/** Physical counts, kept as they were submitted. */
export const countSk = (countedAt: string, countId: string): string => `COUNT#${countedAt}#${countId}`;

/** An allocation sits in its household's partition, one per round. */
export const allocationKey = (householdId: string, round: string) => ({
  pk: householdPk(householdId),
  sk: `${allocationSkPrefix}${round}`,
});

/** Distribution list index: allocations of a site and round, by status then household. */
export const roundGsi1pk = (siteId: string, round: string): string => `DIST#${siteId}#${round}`;
export const roundGsi1sk = (status: string, householdId: string): string => `${status}#${householdId}`;

/** Waitlist of a site, in registration order (then allocation id). */
export const waitlistPk = (siteId: string): string => `WAITLIST#${siteId}`;
export const waitlistSk = (registeredAt: string, allocationId: string): string =>
  `${registeredAt}#${allocationId}`;

/** A voucher is found by its code; the item is also the code's uniqueness guard. */
export const voucherKey = (code: string) => ({ pk: `VOUCHER#${code}`, sk: 'VOUCHER' });

const HOUSEHOLD_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const ROUND_ID = /^[A-Za-z0-9_-]{1,40}$/;

/** `<householdId>-<round>`: one allocation per household and round, found without an index. */
export const allocationIdOf = (householdId: string, round: string): string => `${householdId}-${round}`;

/** Splits an allocation id; undefined when it is not one of ours (the API answers 404). */
export function parseAllocationId(allocationId: string): { householdId: string; round: string } | undefined {
  const householdId = allocationId.slice(0, 26);
  const round = allocationId.slice(27);
  if (allocationId[26] !== '-' || !HOUSEHOLD_ID.test(householdId) || !ROUND_ID.test(round)) return undefined;
  return { householdId, round };
}
