import { describe, expect, it } from 'vitest';
import { swappablePcodeLookup } from '../../../../functions/domain/pcodes/swappable-lookup.ts';
import { validateLocation } from '../../../../functions/domain/pcodes/validate-location.ts';

describe('swappablePcodeLookup', () => {
  it('validates against the table in force, which can be replaced at run time', () => {
    const lookup = swappablePcodeLookup([
      { code: 'ML05', name: 'Mopti', level: 1, parents: ['ML'] },
      { code: 'ML0506', name: 'Mopti', level: 2, parents: ['ML05'] },
    ]);
    expect(validateLocation({ adm1: 'ML05', adm2: 'ML0504' }, lookup)).toHaveLength(1);
    lookup.replace([
      { code: 'ML05', name: 'Mopti', level: 1, parents: ['ML'] },
      { code: 'ML0504', name: 'Douentza', level: 2, parents: ['ML05', 'ML18'] },
    ]);
    expect(validateLocation({ adm1: 'ML05', adm2: 'ML0504' }, lookup)).toEqual([]);
    expect(lookup.find('ML0506')).toBeUndefined();
    expect(lookup.size()).toBe(2);
  });
});
