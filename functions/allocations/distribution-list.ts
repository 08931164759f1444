import { stringify } from 'csv-stringify/sync';
import { neutralizeCsvRow } from '#domain/bulk/csv-injection.ts';
import type { KitLine } from '#domain/kits/entitlement.ts';
import type { AllocationRecord } from '../adapters/kits/records.ts';

/** One line of a distribution list: what the household should receive and the voucher to check. */
export interface DistributionListRow {
  allocationId: string;
  householdId: string;
  headOfHousehold: string | null;
  status: AllocationRecord['status'];
  voucherCode: string | null;
  kits: KitLine[];
}

/** Rows in a stable order (household id, which is registration order for ULIDs). */
export function distributionListRows(
  allocations: readonly AllocationRecord[],
  names: ReadonlyMap<string, string>,
): DistributionListRow[] {
  return [...allocations]
    .sort((a, b) => a.householdId.localeCompare(b.householdId))
    .map((allocation) => ({
      allocationId: allocation.allocationId,
      householdId: allocation.householdId,
      headOfHousehold: names.get(allocation.householdId) ?? null,
      status: allocation.status,
      voucherCode: allocation.voucherCode ?? null,
      kits: allocation.issued ?? allocation.lines,
    }));
}

const kitCell = (kits: readonly KitLine[]) =>
  kits.map((line) => `${line.kitType} x${line.quantity}`).join('; ');

/**
 * The list as CSV for printing. Names come from registration forms and may start with `=` or
 * `@`: every cell is neutralized so a spreadsheet shows it as text, never runs it.
 */
export function distributionListCsv(rows: readonly DistributionListRow[]): string {
  const header = [
    'allocationId',
    'householdId',
    'headOfHousehold',
    'status',
    'voucherCode',
    'kits',
    'signature',
  ];
  const body = rows.map((row) =>
    neutralizeCsvRow([
      row.allocationId,
      row.householdId,
      row.headOfHousehold ?? '',
      row.status,
      row.voucherCode ?? '',
      kitCell(row.kits),
      '',
    ]),
  );
  return stringify([header, ...body]);
}
