import type { PcodeEntry, PcodeLookup } from '../ports/pcode-lookup.ts';
import { pcodeLookupFrom } from './pcode-table.ts';

/** A P-code lookup whose table can be replaced while running (after CONFIG_TABLE is re-read). */
export interface SwappablePcodeLookup extends PcodeLookup {
  /** Replaces the whole table at once; lookups in progress see the old or the new table, never a mix. */
  replace(entries: readonly PcodeEntry[]): void;
  /** Number of codes in the current table. */
  size(): number;
}

/** Creates a lookup over `initial` that adapters refresh with `replace`. */
export function swappablePcodeLookup(initial: readonly PcodeEntry[]): SwappablePcodeLookup {
  let current = pcodeLookupFrom(initial);
  let count = initial.length;
  return {
    find: (code) => current.find(code),
    hasChildren: (code) => current.hasChildren?.(code) ?? true,
    replace: (entries) => {
      current = pcodeLookupFrom(entries);
      count = entries.length;
    },
    size: () => count,
  };
}
