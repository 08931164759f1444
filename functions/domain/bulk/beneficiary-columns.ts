/** One column of the partner beneficiary list. */
export interface BeneficiaryColumn {
  /** Stable key of the column in parsed rows. */
  key: string;
  /** Header of the template (French). */
  header: string;
  /** Other headers partners use for the same column (English, older templates). */
  aliases: readonly string[];
  /** HXL hashtag of the tag row. */
  hxl: string;
  required: boolean;
}

const column = (
  key: string,
  header: string,
  hxl: string,
  required: boolean,
  aliases: string[] = [],
): BeneficiaryColumn => ({
  key,
  header,
  aliases,
  hxl,
  required,
});

/**
 * Columns of config/templates/beneficiary-list-template.csv, in template order. HXL has no tag for
 * a head's given name or a food-consumption group, so those use `+x_` attributes, which HXL
 * reserves for local extensions.
 */
export const BENEFICIARY_COLUMNS: readonly BeneficiaryColumn[] = [
  column('givenName', 'Prénom du chef de ménage', '#beneficiary+head+name+x_given', true, [
    'Head given name',
    'Prénom',
  ]),
  column('familyName', 'Nom du chef de ménage', '#beneficiary+head+name+x_family', true, [
    'Head family name',
    'Nom',
  ]),
  column('sex', 'Sexe du chef de ménage', '#beneficiary+head+x_sex', true, ['Head sex', 'Sexe']),
  column('birthYear', 'Année de naissance du chef de ménage', '#beneficiary+head+x_birthyear', true, [
    'Head birth year',
    'Année de naissance',
  ]),
  column('phone', 'Téléphone', '#contact+phone', false, ['Phone']),
  column('adm1', 'Région (P-code)', '#adm1+code', true, ['Region P-code', 'adm1']),
  column('adm2', 'Cercle (P-code)', '#adm2+code', true, ['Cercle P-code', 'adm2']),
  column('commune', 'Commune (P-code)', '#adm3+code', false, ['Commune P-code', 'adm3']),
  column('site', 'Site de distribution', '#loc+code', true, ['Distribution site', 'Site']),
  column('total', 'Taille du ménage', '#beneficiary+hh+ind', true, ['Household size']),
  column('childrenUnder5', 'Enfants de moins de 5 ans', '#beneficiary+ind+children+x_under5', true, [
    'Children under 5',
  ]),
  column('pregnantOrLactating', 'Femmes enceintes ou allaitantes', '#beneficiary+ind+f+x_plw', true, [
    'Pregnant or lactating women',
  ]),
  column('elderly', 'Personnes âgées', '#beneficiary+ind+elderly', true, ['Elderly']),
  column('withDisability', 'Personnes handicapées', '#beneficiary+ind+x_disabled', true, [
    'Persons with disability',
  ]),
  column('womenAndGirls12to49', 'Femmes et filles de 12 à 49 ans', '#beneficiary+ind+f+x_age12_49', true, [
    'Women and girls 12-49',
  ]),
  column('displacement', 'Statut de déplacement', '#beneficiary+displaced+x_status', true, [
    'Displacement status',
  ]),
  column('fcsStaples', 'SCA céréales (jours)', '#indicator+x_fcs+x_staples', false, ['FCS staples (days)']),
  column('fcsPulses', 'SCA légumineuses (jours)', '#indicator+x_fcs+x_pulses', false, ['FCS pulses (days)']),
  column('fcsMeatFish', 'SCA viande poisson (jours)', '#indicator+x_fcs+x_meatfish', false, [
    'FCS meat fish (days)',
  ]),
  column('fcsVegetables', 'SCA légumes (jours)', '#indicator+x_fcs+x_vegetables', false, [
    'FCS vegetables (days)',
  ]),
  column('fcsFruit', 'SCA fruits (jours)', '#indicator+x_fcs+x_fruit', false, ['FCS fruit (days)']),
  column('fcsDairy', 'SCA lait (jours)', '#indicator+x_fcs+x_dairy', false, ['FCS dairy (days)']),
  column('fcsOil', 'SCA huile (jours)', '#indicator+x_fcs+x_oil', false, ['FCS oil (days)']),
  column('fcsSugar', 'SCA sucre (jours)', '#indicator+x_fcs+x_sugar', false, ['FCS sugar (days)']),
  column('rcsi', 'rCSI', '#indicator+x_rcsi', false, ['rCSI score']),
  column('hhs', 'HHS', '#indicator+x_hhs', false, ['HHS score']),
  column('consent', 'Consentement au traitement des données', '#meta+x_consent', true, [
    'Data processing consent',
    'Consentement',
  ]),
];

/** Header text reduced for comparison: no accents, case, punctuation or repeated spaces. */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9#+]+/g, ' ')
    .trim();
}

/** HXL tag reduced for comparison: attribute order and case do not matter in HXL. */
export function normalizeHxlTag(tag: string): string {
  const [hashtag = '', ...attributes] = tag.trim().toLowerCase().replace(/\s+/g, '').split('+');
  return [hashtag, ...attributes.sort()].join('+');
}
