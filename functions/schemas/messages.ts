import type { Language } from '../domain/i18n/language.ts';

type Params = Record<string, unknown>;
type Message = Record<Language, (params: Params) => string>;

/**
 * Messages of the checks the schemas add beyond zod's own (whose messages come from its fr/en
 * locales). A schema raises one by giving `messageKey(name)` as the issue message and the values
 * in `params`; {@link formatIssues} renders it in the caller's language.
 */
export const MESSAGES = {
  required: { fr: () => 'Champ obligatoire', en: () => 'Required' },
  unknownField: { fr: () => 'Champ non autorisé', en: () => 'Field not allowed' },
  consentRequired: {
    fr: () => 'Le consentement au traitement des données est obligatoire',
    en: () => 'Consent to data processing is required',
  },
  exceedsTotal: {
    fr: (p) => `Ne peut dépasser le nombre total de membres (${p['total']})`,
    en: (p) => `Cannot exceed the total number of members (${p['total']})`,
  },
  exceedsWomen: {
    fr: (p) => `Ne peut dépasser le nombre de femmes et filles de 12 à 49 ans (${p['women']})`,
    en: (p) => `Cannot exceed the number of women and girls aged 12–49 (${p['women']})`,
  },
  birthYearRange: {
    fr: (p) => `Année de naissance entre ${p['min']} et ${p['max']}`,
    en: (p) => `Birth year between ${p['min']} and ${p['max']}`,
  },
  pcodeFormat: { fr: () => 'P-code invalide (ex. ML0506)', en: () => 'Invalid P-code (e.g. ML0506)' },
  pcodeUnknown: {
    fr: (p) => `P-code inconnu : ${p['pcode']}`,
    en: (p) => `Unknown P-code: ${p['pcode']}`,
  },
  pcodeWrongLevel: {
    fr: (p) => `Le P-code ${p['pcode']} n'est pas de niveau ${p['expectedLevel']}`,
    en: (p) => `P-code ${p['pcode']} is not at level ${p['expectedLevel']}`,
  },
  pcodeNotInParent: {
    fr: (p) => `Le P-code ${p['pcode']} n'appartient pas à ${p['parent']}`,
    en: (p) => `P-code ${p['pcode']} is not within ${p['parent']}`,
  },
  kitsRequiredForPartial: {
    fr: () => 'Indiquez les kits remis pour une distribution partielle',
    en: () => 'List the kits handed over for a partial distribution',
  },
  kitsOnlyForPartial: {
    fr: () => 'La liste des kits ne vaut que pour une distribution partielle',
    en: () => 'The kit list only applies to a partial distribution',
  },
  reasonRequired: { fr: () => 'Indiquez la raison', en: () => 'Give the reason' },
  duplicateEntry: {
    fr: (p) => `Valeur en double : ${p['value']}`,
    en: (p) => `Duplicate value: ${p['value']}`,
  },
  voucherInvalid: {
    fr: () => 'Code de bon invalide (vérifiez chaque caractère)',
    en: () => 'Invalid voucher code (check each character)',
  },
  dateInFuture: {
    fr: () => 'La date ne peut être dans le futur',
    en: () => 'The date cannot be in the future',
  },
  dateBefore: {
    fr: (p) => `La date doit être postérieure ou égale à ${p['other']}`,
    en: (p) => `The date must be on or after ${p['other']}`,
  },
  monthFormat: {
    fr: () => 'Mois attendu, AAAA-MM (ex. 2026-03) : les statistiques se publient par mois entiers',
    en: () => 'A month is expected, YYYY-MM (e.g. 2026-03): statistics are released by whole months',
  },
  monthBefore: {
    fr: (p) => `Le mois doit être postérieur ou égal à ${p['other']}`,
    en: (p) => `The month must be ${p['other']} or later`,
  },
  consentForUnneededService: {
    fr: (p) => `Consentement pour un service non demandé : ${p['service']}`,
    en: (p) => `Consent given for a service not needed: ${p['service']}`,
  },
  nextVisitRequired: {
    fr: () => 'Indiquez la date de la prochaine visite',
    en: () => 'Give the date of the next visit',
  },
  issuesRequired: {
    fr: () => 'Décrivez les problèmes rencontrés',
    en: () => 'Describe the issues met',
  },
  fileTooLarge: {
    fr: (p) => `Fichier trop volumineux (maximum ${p['max']} octets)`,
    en: (p) => `File too large (maximum ${p['max']} bytes)`,
  },
  fileNameUnsafe: {
    fr: () => 'Nom de fichier invalide (lettres, chiffres, . _ - seulement)',
    en: () => 'Invalid file name (letters, digits, . _ - only)',
  },
} satisfies Record<string, Message>;

export type MessageName = keyof typeof MESSAGES;

const PREFIX = 'i18n:';

/** The placeholder message a schema gives an issue so that it is rendered from {@link MESSAGES}. */
export const messageKey = (name: MessageName): string => `${PREFIX}${name}`;

/** The message name behind a placeholder, if the message is one. */
export function messageNameOf(message: string): MessageName | undefined {
  if (!message.startsWith(PREFIX)) return undefined;
  const name = message.slice(PREFIX.length);
  return name in MESSAGES ? (name as MessageName) : undefined;
}

/** Renders a named message. */
export function renderMessage(name: MessageName, lang: Language, params: Params = {}): string {
  return (MESSAGES[name] as Message)[lang](params);
}
