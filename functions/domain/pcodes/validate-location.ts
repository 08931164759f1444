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
 * ML05 or ML18). Codes are never rewritten: the household keeps the code as submitted. A commune
 * is checked against the table when the table lists communes for its cercle, and otherwise only
 * by its P-code prefix.
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
  const commune = location.commune;
  if (commune !== undefined) {
    const tableHasCommunes = lookup.hasChildren?.(location.adm2) ?? true;
    if (lookup.find(commune) || tableHasCommunes) check('commune', commune, 3, location.adm2);
    // The seed table stops at cercles: until communes are loaded, a commune is checked by prefix.
    else if (!commune.trim().toUpperCase().startsWith(location.adm2.trim().toUpperCase()))
      problems.push({ field: 'commune', code: 'PCODE_NOT_IN_PARENT', pcode: commune, parent: location.adm2 });
  }
  return problems;
}
