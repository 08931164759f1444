import { describe, expect, it } from 'vitest';
import { pickIdentifiers } from '../../../local/ops/identifiers.ts';

describe('pickIdentifiers', () => {
  it('keeps top-level *Id fields with token-like values and drops everything else', () => {
    const input = JSON.stringify({
      caseId: 'GBV-0042',
      householdId: '01JD3K9Q',
      fullName: 'Aminata Traoré',
      partnerId: 'has spaces so not an id',
      nested: { caseId: 'X' },
      phone: '+22370000000',
      count: 3,
    });
    expect(pickIdentifiers(input)).toEqual({ caseId: 'GBV-0042', householdId: '01JD3K9Q' });
  });

  it('returns nothing for missing or malformed input', () => {
    expect(pickIdentifiers(undefined)).toEqual({});
    expect(pickIdentifiers('not json')).toEqual({});
    expect(pickIdentifiers('["caseId"]')).toEqual({});
  });
});
