import type { HouseholdLocation } from '../household/household.ts';
import type { PcodeLookup } from '../ports/pcode-lookup.ts';

/** Why a location was refused; the schema layer turns these into localized field messages. */
export type LocationProblem =
  | { field: 'adm1' | 'adm2' | 'commune'; code: 'PCODE_UNKNOWN'; pcode: string }
  | { field: 'adm1' | 'adm2' | 'commune'; code: 'PCODE_WRONG_LEVEL'; pcode: string; expectedLevel: number }
  | { field: 'adm2' | 'commune'; code: 'PCODE_NOT_IN_PARENT'; pcode: string; parent: string };

/**
 * Checks the P-codes of a location against the table: each exists at its level, and each lies in
 * its parent. A cercle is accepted under its 2019 region or its 2023-split region (ML0504 under
 * ML05 or ML18). Codes are never rewritten: the household keeps the code as submitted.
 */
export function validateLocation(
  location: Pick<HouseholdLocation, 'adm1' | 'adm2' | 'commune'>,
  lookup: PcodeLookup,
): LocationProblem[] {
  const problems: LocationProblem[] = [];
  const check = (field: 'adm1' | 'adm2' | 'commune', pcode: string, level: number, parent?: string) => {
    const entry = lookup.find(pcode);
    if (!entry) return problems.push({ field, code: 'PCODE_UNKNOWN', pcode });
    if (entry.level !== level)
      return problems.push({ field, code: 'PCODE_WRONG_LEVEL', pcode, expectedLevel: level });
    const parentEntry = parent === undefined ? undefined : lookup.find(parent);
    if (parent !== undefined && parentEntry && field !== 'adm1') {
      const parents = entry.parents.map((code) => code.toUpperCase());
      if (!parents.includes(parentEntry.code.toUpperCase()))
        problems.push({ field, code: 'PCODE_NOT_IN_PARENT', pcode, parent });
    }
    return problems.length;
  };
  check('adm1', location.adm1, 1);
  check('adm2', location.adm2, 2, location.adm1);
  if (location.commune !== undefined) check('commune', location.commune, 3, location.adm2);
  return problems;
}
