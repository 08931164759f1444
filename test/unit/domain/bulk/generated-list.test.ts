import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapCsvRow } from '../../../../functions/domain/bulk/map-csv-row.ts';
import { readBeneficiaryCsv } from '../../../../functions/domain/bulk/read-beneficiary-csv.ts';
import { identityFingerprint } from '../../../../functions/domain/dedupe/identity-fingerprint.ts';
import { parsePcodeCsv, pcodeLookupFrom } from '../../../../functions/domain/pcodes/pcode-table.ts';
import { formatIssues } from '../../../../functions/schemas/format-issues.ts';
import { householdCommandSchemaWith } from '../../../../functions/schemas/household.ts';
import { validate } from '../../../../functions/schemas/validate.ts';
import { beneficiaryListCsv } from '../../../fixtures/domain/beneficiary-csv.ts';

const pcodes = pcodeLookupFrom(
  parsePcodeCsv(readFileSync(new URL('../../../../config/pcodes.csv', import.meta.url), 'utf8')),
);
const schema = householdCommandSchemaWith(pcodes);

describe('a generated 1,000-row list with 37 invalid rows (issue 8 scenario)', () => {
  const { csv, invalidRows } = beneficiaryListCsv(1000, 37);
  const file = readBeneficiaryCsv(new TextEncoder().encode(csv));

  it('reads 1,000 rows under a known header', () => {
    expect(file.header.known).toBe(true);
    expect(file.rows).toHaveLength(1000);
    expect(invalidRows.size).toBe(37);
  });

  it('finds exactly the 37 invalid rows, each refused on the field it was broken in', () => {
    const refused = new Map<number, string[]>();
    const fingerprints = new Set<string>();
    for (const row of file.rows) {
      const result = validate(schema, mapCsvRow(row.values));
      if (result.success) fingerprints.add(identityFingerprint(result.data));
      else
        refused.set(
          row.rowNumber,
          formatIssues(result.error, 'fr').map((issue) => issue.path),
        );
    }
    expect([...refused.keys()]).toEqual([...invalidRows.keys()]);
    for (const [rowNumber, field] of invalidRows) expect(refused.get(rowNumber)).toEqual([field]);
    expect(fingerprints.size).toBe(963);
  });

  it('reads the same list saved with semicolons and without HXL row', () => {
    const variant = beneficiaryListCsv(50, 3, { delimiter: ';', hxlRow: false });
    const parsed = readBeneficiaryCsv(new TextEncoder().encode(variant.csv));
    expect(parsed).toMatchObject({ delimiter: ';', header: { known: true, hasHxlRow: false } });
    const refused = parsed.rows
      .filter((row) => !schema.safeParse(mapCsvRow(row.values)).success)
      .map((row) => row.rowNumber);
    expect(refused).toEqual([...variant.invalidRows.keys()]);
  });
});
