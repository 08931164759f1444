import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  PcodeTableFormatError,
  parsePcodeCsv,
  pcodeLookupFrom,
} from '../../../../functions/domain/pcodes/pcode-table.ts';
import { validateLocation } from '../../../../functions/domain/pcodes/validate-location.ts';

const csv = readFileSync(new URL('../../../../config/pcodes.csv', import.meta.url), 'utf8');
const lookup = pcodeLookupFrom(parsePcodeCsv(csv));

describe('parsePcodeCsv', () => {
  it('is the shared reference table, HXL row included', () => {
    const shared = readFileSync('/work/shared/reference/mopti-pcodes.csv', 'utf8');
    expect(csv).toBe(shared);
  });

  it('knows the country, the 2019 region, the 2023 regions and the eight cercles', () => {
    expect(lookup.find('ML')?.level).toBe(0);
    for (const region of ['ML05', 'ML18', 'ML19']) expect(lookup.find(region)?.level).toBe(1);
    for (let i = 1; i <= 8; i++) expect(lookup.find(`ML050${i}`)?.level).toBe(2);
    expect(lookup.find('ML0504')).toEqual({
      code: 'ML0504',
      name: 'Douentza',
      level: 2,
      parents: ['ML05', 'ML18'],
    });
  });

  it('skips the HXL tag row', () => {
    expect(lookup.find('#adm1+code')).toBeUndefined();
  });

  it('refuses a file without the P-code columns', () => {
    expect(() => parsePcodeCsv('a,b\n1,2')).toThrow(PcodeTableFormatError);
  });

  it('reads commune rows when the table gains an admin3 column', () => {
    const entries = parsePcodeCsv(
      'admin0_pcode,admin0_name,admin1_pcode,admin1_name,admin2_pcode,admin2_name,admin3_pcode,admin3_name\n' +
        'ML,Mali,ML05,Mopti,ML0506,Mopti,ML050601,Mopti commune',
    );
    expect(pcodeLookupFrom(entries).find('ML050601')).toMatchObject({ level: 3, parents: ['ML0506'] });
  });
});

describe('validateLocation', () => {
  it('accepts a cercle under its 2019 region and under its 2023-split region', () => {
    expect(validateLocation({ adm1: 'ML05', adm2: 'ML0504' }, lookup)).toEqual([]);
    expect(validateLocation({ adm1: 'ML18', adm2: 'ML0504' }, lookup)).toEqual([]);
    expect(validateLocation({ adm1: 'ML19', adm2: 'ML0501' }, lookup)).toEqual([]);
    expect(validateLocation({ adm1: 'ML05', adm2: 'ML0506' }, lookup)).toEqual([]);
  });

  it('refuses a cercle under a region it does not belong to', () => {
    expect(validateLocation({ adm1: 'ML18', adm2: 'ML0506' }, lookup)).toEqual([
      { field: 'adm2', code: 'PCODE_NOT_IN_PARENT', pcode: 'ML0506', parent: 'ML18' },
    ]);
  });

  it('refuses unknown codes and codes at the wrong level', () => {
    expect(validateLocation({ adm1: 'ML99', adm2: 'ML0506' }, lookup)).toEqual([
      { field: 'adm1', code: 'PCODE_UNKNOWN', pcode: 'ML99' },
    ]);
    expect(validateLocation({ adm1: 'ML0506', adm2: 'ML05' }, lookup)).toEqual([
      { field: 'adm1', code: 'PCODE_WRONG_LEVEL', pcode: 'ML0506', expectedLevel: 1 },
      { field: 'adm2', code: 'PCODE_WRONG_LEVEL', pcode: 'ML05', expectedLevel: 2 },
    ]);
  });

  it('checks a commune by prefix while the table has no communes for its cercle, fully once it has', () => {
    expect(validateLocation({ adm1: 'ML05', adm2: 'ML0506', commune: 'ML050699' }, lookup)).toEqual([]);
    expect(validateLocation({ adm1: 'ML05', adm2: 'ML0506', commune: 'ML050399' }, lookup)).toEqual([
      { field: 'commune', code: 'PCODE_NOT_IN_PARENT', pcode: 'ML050399', parent: 'ML0506' },
    ]);
    const withCommunes = pcodeLookupFrom([
      ...parsePcodeCsv(csv),
      { code: 'ML050601', name: 'Mopti', level: 3, parents: ['ML0506'] },
    ]);
    expect(validateLocation({ adm1: 'ML05', adm2: 'ML0506', commune: 'ML050699' }, withCommunes)).toEqual([
      { field: 'commune', code: 'PCODE_UNKNOWN', pcode: 'ML050699' },
    ]);
  });

  it('follows the table: a code added at run time becomes valid', () => {
    const updated = pcodeLookupFrom([
      ...parsePcodeCsv(csv),
      { code: 'ML0509', name: 'Nouveau', level: 2, parents: ['ML05'] },
    ]);
    const location = { adm1: 'ML05', adm2: 'ML0509' };
    expect(validateLocation(location, lookup)).toHaveLength(1);
    expect(validateLocation(location, updated)).toEqual([]);
  });
});
