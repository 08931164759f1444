import type { UploadRejection } from '../adapters/uploads/records.ts';

/** Why a whole file is refused; nothing from it is registered. */
export type RejectionCode =
  | 'FILE_EMPTY'
  | 'FILE_NOT_CSV'
  | 'FILE_TOO_LARGE'
  | 'HEADER_UNKNOWN'
  | 'FILE_NO_DATA_ROWS';

const MESSAGES: Record<RejectionCode, { fr: string; en: string }> = {
  FILE_EMPTY: { fr: 'Le fichier est vide.', en: 'The file is empty.' },
  FILE_NOT_CSV: {
    fr: "Le fichier n'est pas un fichier CSV (contenu binaire ou encodage illisible).",
    en: 'The file is not a CSV file (binary content or unreadable encoding).',
  },
  FILE_TOO_LARGE: {
    fr: 'Le fichier dépasse la taille maximale acceptée.',
    en: 'The file is larger than the maximum accepted size.',
  },
  HEADER_UNKNOWN: {
    fr: "L'en-tête ne correspond pas au modèle de liste de bénéficiaires.",
    en: 'The header does not match the beneficiary list template.',
  },
  FILE_NO_DATA_ROWS: { fr: "Le fichier n'a aucune ligne de données.", en: 'The file has no data rows.' },
};

const HEADER_LABELS = {
  fr: {
    unknown: 'Colonnes inconnues',
    missing: 'Colonnes obligatoires manquantes',
    duplicated: 'Colonnes en double',
  },
  en: { unknown: 'Unknown columns', missing: 'Missing required columns', duplicated: 'Repeated columns' },
} as const;

/** The rejection's message in both languages, naming the header cells at fault when there are some. */
export function rejectionMessages(rejection: UploadRejection): { fr: string; en: string } {
  const base = MESSAGES[rejection.code as RejectionCode] ?? { fr: rejection.code, en: rejection.code };
  const headers = rejection.headers;
  if (!headers) return base;
  const describe = (lang: 'fr' | 'en') =>
    (['unknown', 'missing', 'duplicated'] as const)
      .filter((kind) => headers[kind].length > 0)
      .map((kind) => `${HEADER_LABELS[lang][kind]}${lang === 'fr' ? ' :' : ':'} ${headers[kind].join(', ')}.`)
      .join(' ');
  return { fr: `${base.fr} ${describe('fr')}`.trim(), en: `${base.en} ${describe('en')}`.trim() };
}
