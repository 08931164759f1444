import type { Language } from '../i18n/language.ts';
import type { ClosureProblem } from './closure.ts';
import type { WithheldService } from './plan-referrals.ts';

type Text = Readonly<Record<Language, string>>;

const WITHHELD: Record<WithheldService['reason'], Text> = {
  NO_CONSENT: {
    fr: 'Service non référé : pas de consentement pour ce service et ce partenaire. Choisissez avec la survivante ou demandez une dérogation à un superviseur.',
    en: 'Service not referred: no consent for this service and partner. Decide with the survivor or ask a supervisor for an override.',
  },
  NO_PARTNER_IN_AREA: {
    fr: "Service non référé : aucun partenaire consenti n'offre ce service dans cette zone. Choisissez un autre partenaire.",
    en: 'Service not referred: no consented partner offers this service in this area. Choose another partner.',
  },
};

const CLOSURE: Record<ClosureProblem, Text> = {
  CONTACT_TOO_RECENT: {
    fr: 'Clôture « sans contact » refusée : le dernier contact est trop récent.',
    en: 'Closure for "no contact" refused: the last contact is too recent.',
  },
  REFERRALS_PENDING: {
    fr: 'Clôture refusée : des référencements attendent encore une réponse.',
    en: 'Closure refused: referrals are still awaiting an answer.',
  },
};

const URGENT_HEALTH_BLOCKED: Text = {
  fr: 'URGENT : référencement santé (PEP sous 72 h) impossible sans consentement pour un partenaire santé de la zone.',
  en: 'URGENT: health referral (PEP within 72 h) impossible without consent for a health partner in the area.',
};

/** Why a needed service was not referred, for the caseworker. */
export const withheldMessage = (reason: WithheldService['reason'], lang: Language): string =>
  WITHHELD[reason][lang];

/** Why a closure request cannot go to the supervisor. */
export const closureProblemMessage = (problem: ClosureProblem, lang: Language): string =>
  CLOSURE[problem][lang];

/** Alert when the 72-hour urgent health referral cannot be made. */
export const urgentHealthBlockedMessage = (lang: Language): string => URGENT_HEALTH_BLOCKED[lang];
