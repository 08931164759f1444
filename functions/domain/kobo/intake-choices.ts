import type { FormChoice, FormText } from './form-types.ts';

const fr = (text: string, english: string): FormText => ({ fr: text, en: english });

const ADM2: readonly [string, string, string][] = [
  ['ML0501', 'Bandiagara', 'ML19'],
  ['ML0502', 'Bankass', 'ML19'],
  ['ML0503', 'Djenné', 'ML05'],
  ['ML0504', 'Douentza', 'ML18'],
  ['ML0505', 'Koro', 'ML19'],
  ['ML0506', 'Mopti', 'ML05'],
  ['ML0507', 'Ténenkou', 'ML05'],
  ['ML0508', 'Youwarou', 'ML05'],
];

/** The choices sheet. P-code lists follow config/pcodes.csv (2019 and 2023-split regions). */
export const INTAKE_CHOICES: readonly FormChoice[] = [
  { listName: 'yes_no', name: 'yes', label: fr('Oui', 'Yes') },
  { listName: 'yes_no', name: 'no', label: fr('Non', 'No') },
  { listName: 'sex', name: 'F', label: fr('Femme', 'Female') },
  { listName: 'sex', name: 'M', label: fr('Homme', 'Male') },
  { listName: 'adm1', name: 'ML05', label: fr('Mopti (ML05)', 'Mopti (ML05)') },
  {
    listName: 'adm1',
    name: 'ML18',
    label: fr('Douentza (ML18, découpage 2023)', 'Douentza (ML18, 2023 split)'),
  },
  {
    listName: 'adm1',
    name: 'ML19',
    label: fr('Bandiagara (ML19, découpage 2023)', 'Bandiagara (ML19, 2023 split)'),
  },
  ...ADM2.map(([code, name, newRegion]) => ({
    listName: 'adm2',
    name: code,
    label: fr(`${name} (${code})`, `${name} (${code})`),
    extra: { adm1_2019: 'ML05', adm1_2023: newRegion },
  })),
  { listName: 'displacement', name: 'IDP', label: fr('Déplacé interne', 'Internally displaced') },
  { listName: 'displacement', name: 'RETURNEE', label: fr('Retourné', 'Returnee') },
  { listName: 'displacement', name: 'REFUGEE', label: fr('Réfugié', 'Refugee') },
  { listName: 'displacement', name: 'HOST', label: fr('Communauté hôte', 'Host community') },
  {
    listName: 'module',
    name: 'fcs',
    label: fr('Score de consommation alimentaire (SCA)', 'Food consumption score (FCS)'),
  },
  {
    listName: 'module',
    name: 'rcsi',
    label: fr("Indice réduit des stratégies d'adaptation (rCSI)", 'Reduced coping strategies index (rCSI)'),
  },
  {
    listName: 'module',
    name: 'hhs',
    label: fr('Échelle de la faim dans le ménage (HHS)', 'Household hunger scale (HHS)'),
  },
  { listName: 'frequency', name: 'never', label: fr('Jamais', 'Never') },
  { listName: 'frequency', name: 'rarely', label: fr('Rarement (1-2 fois)', 'Rarely (1-2 times)') },
  { listName: 'frequency', name: 'sometimes', label: fr('Parfois (3-10 fois)', 'Sometimes (3-10 times)') },
  {
    listName: 'frequency',
    name: 'often',
    label: fr('Souvent (plus de 10 fois)', 'Often (more than 10 times)'),
  },
];
