/** Administrative level of a P-code: 0 country, 1 region, 2 cercle, 3 commune. */
export type AdminLevel = 0 | 1 | 2 | 3;

/** One administrative unit known to the deployment. */
export interface PcodeEntry {
  code: string;
  name: string;
  level: AdminLevel;
  /** Parent codes: a cercle has its 2019 region and, after the 2023 split, possibly a new one. */
  parents: readonly string[];
}

/**
 * Port to the P-code table. Synchronous on purpose: the table is small, adapters keep it in memory
 * and refresh it (from config/pcodes.csv or CONFIG_TABLE), so the schema layer can validate inline.
 */
export interface PcodeLookup {
  /** The entry for a code, or undefined when the table does not know it. */
  find(code: string): PcodeEntry | undefined;
  /**
   * Whether the table lists any unit under this code (e.g. communes of a cercle). Where it does
   * not, a child code cannot be checked beyond its prefix. Adapters that omit it are treated as
   * complete.
   */
  hasChildren?(code: string): boolean;
}
