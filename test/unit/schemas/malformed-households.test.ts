import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePcodeCsv, pcodeLookupFrom } from '../../../functions/domain/pcodes/pcode-table.ts';
import { formatIssues } from '../../../functions/schemas/format-issues.ts';
import { householdCommandSchemaWith } from '../../../functions/schemas/household.ts';
import { validate } from '../../../functions/schemas/validate.ts';
import { MALFORMED_HOUSEHOLDS } from '../../fixtures/domain/malformed-households.ts';

const pcodes = pcodeLookupFrom(
  parsePcodeCsv(readFileSync(new URL('../../../config/pcodes.csv', import.meta.url), 'utf8')),
);
const schema = householdCommandSchemaWith(pcodes);

describe('30 malformed registrations', () => {
  it('are thirty distinct cases', () => {
    expect(MALFORMED_HOUSEHOLDS).toHaveLength(30);
    expect(new Set(MALFORMED_HOUSEHOLDS.map((c) => c.name)).size).toBe(30);
  });

  it.each(MALFORMED_HOUSEHOLDS.map((c) => [c.name, c] as const))(
    'refuses %s, naming the field in fr and en',
    (_name, c) => {
      const result = validate(schema, c.body);
      expect(result.success).toBe(false);
      if (result.success) return;
      const fr = formatIssues(result.error, 'fr');
      const en = formatIssues(result.error, 'en');
      expect(fr.map((issue) => issue.path)).toEqual([c.path]);
      expect(en.map((issue) => issue.path)).toEqual([c.path]);
      expect(fr[0]?.message).not.toBe(en[0]?.message);
    },
  );
});
