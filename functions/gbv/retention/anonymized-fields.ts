/**
 * What anonymization changes on each item of a case, as pure functions of the stored item.
 * It removes whatever identifies or describes the survivor (the survivor code, identifying
 * details, free text written by caseworkers, partners and supervisors) and keeps what the
 * statistics and the programme's reporting read: incident type, dates, commune, risk level,
 * services, consent flags, statuses, outcomes and staff or partner ids.
 */

/** Replaces the survivor code, so views and partner lists that expect one still read a string. */
export const ANONYMIZED_CODE = 'ANONYMIZED';

/** An update to one item: attributes set and attributes removed. */
export interface ItemScrub {
  set: Record<string, unknown>;
  remove: string[];
}

type Item = Record<string, unknown>;

const withoutKeys = (value: unknown, keys: readonly string[]): unknown => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
};

/** The case file: survivor code replaced; override reasons and the closure note dropped. */
export function scrubCase(item: Item, anonymizedAt: string): ItemScrub {
  const overrides = Array.isArray(item.overrides) ? item.overrides : [];
  return {
    set: {
      survivorCode: ANONYMIZED_CODE,
      overrides: overrides.map((override) => withoutKeys(override, ['reason'])),
      closure: withoutKeys(item.closure ?? null, ['note']),
      waiting: null,
      anonymizedAt,
    },
    remove: [],
  };
}

/** A referral: survivor code replaced; the partner's notes dropped (the decline reason is a code, kept). */
export function scrubReferral(): ItemScrub {
  return {
    set: { survivorCode: ANONYMIZED_CODE, waiting: null },
    remove: ['responseNote', 'implementationNote'],
  };
}

/** A follow-up visit: the free-text account of the action taken dropped; goals and dates kept. */
export function scrubFollowUp(): ItemScrub {
  return { set: {}, remove: ['actionTaken'] };
}

/** Whether an item still holds anything a scrub would change (a retried run skips the rest). */
export function needsScrub(item: Item, scrub: ItemScrub): boolean {
  return (
    scrub.remove.some((name) => item[name] !== undefined) ||
    Object.entries(scrub.set).some(([name, value]) => JSON.stringify(item[name]) !== JSON.stringify(value))
  );
}
