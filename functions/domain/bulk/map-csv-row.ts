import { normalizeHeader } from './beneficiary-columns.ts';

const SEX: Record<string, string> = {
  f: 'F',
  femme: 'F',
  female: 'F',
  feminin: 'F',
  m: 'M',
  homme: 'M',
  male: 'M',
  masculin: 'M',
};

const DISPLACEMENT: Record<string, string> = {
  idp: 'IDP',
  pdi: 'IDP',
  deplace: 'IDP',
  'deplace interne': 'IDP',
  returnee: 'RETURNEE',
  retourne: 'RETURNEE',
  refugee: 'REFUGEE',
  refugie: 'REFUGEE',
  host: 'HOST',
  hote: 'HOST',
  'communaute hote': 'HOST',
};

const YES = new Set(['oui', 'yes', 'o', 'y', '1', 'true', 'vrai']);

/**
 * Maps one beneficiary-list row (values keyed by column) to the household command candidate. Words
 * partners write (Femme, PDI, oui…) become the command's codes; numbers are read with either decimal
 * mark; anything unreadable is passed on as written so the schema names the field in its message.
 */
export function mapCsvRow(values: Readonly<Record<string, string>>): Record<string, unknown> {
  const text = (key: string): string | undefined => {
    const value = values[key]?.trim();
    return value ? value : undefined;
  };
  const integer = (key: string): unknown => {
    const value = text(key);
    if (value === undefined) return undefined;
    const number = Number(value.replace(',', '.'));
    return Number.isFinite(number) && /^-?\d+([.,]0+)?$/.test(value) ? number : value;
  };
  const coded = (key: string, table: Record<string, string>) => {
    const value = text(key);
    return value === undefined ? undefined : (table[normalizeHeader(value)] ?? value);
  };

  const head: Record<string, unknown> = {
    givenName: text('givenName'),
    familyName: text('familyName'),
    sex: coded('sex', SEX),
    birthYear: integer('birthYear'),
  };
  if (text('phone')) head['phone'] = text('phone');
  const location: Record<string, unknown> = { adm1: text('adm1'), adm2: text('adm2'), site: text('site') };
  if (text('commune')) location['commune'] = text('commune');

  const foodSecurity: Record<string, unknown> = {};
  const fcsKeys = ['Staples', 'Pulses', 'MeatFish', 'Vegetables', 'Fruit', 'Dairy', 'Oil', 'Sugar'];
  // FCS is all eight groups or none: a partially filled block is passed on so the schema says which are missing.
  if (fcsKeys.some((group) => text(`fcs${group}`) !== undefined)) {
    foodSecurity['fcs'] = Object.fromEntries(
      fcsKeys.map((group) => [group.charAt(0).toLowerCase() + group.slice(1), integer(`fcs${group}`)]),
    );
  }
  if (text('rcsi') !== undefined) foodSecurity['rcsi'] = integer('rcsi');
  if (text('hhs') !== undefined) foodSecurity['hhs'] = integer('hhs');

  return {
    headOfHousehold: head,
    location,
    members: {
      total: integer('total'),
      childrenUnder5: integer('childrenUnder5'),
      pregnantOrLactating: integer('pregnantOrLactating'),
      elderly: integer('elderly'),
      withDisability: integer('withDisability'),
      womenAndGirls12to49: integer('womenAndGirls12to49'),
    },
    displacement: coded('displacement', DISPLACEMENT),
    foodSecurity,
    consent: { dataProcessing: YES.has(normalizeHeader(text('consent') ?? '')) },
  };
}
