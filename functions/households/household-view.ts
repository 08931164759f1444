import type { Language } from '#domain/i18n/language.ts';
import { reasonMessage } from '#domain/targeting/reason-messages.ts';
import type { HouseholdView } from '../adapters/registry/household-view-store.ts';
import type { DecisionRecord, HouseholdRecord } from '../adapters/registry/records.ts';
import { ruleSetByVersion } from '../intake/rule-set-source.ts';
import { reviewBody } from '../reviews/review-view.ts';

const SUPERVISOR_MESSAGES: Readonly<Record<string, Readonly<Record<Language, string>>>> = {
  SUPERVISOR_ELIGIBLE: { fr: 'Déclaré éligible par un superviseur', en: 'Declared eligible by a supervisor' },
  SUPERVISOR_INELIGIBLE: {
    fr: 'Déclaré non éligible par un superviseur',
    en: 'Declared ineligible by a supervisor',
  },
};

/** A decision with each reason explained in the caller's language. */
export function decisionView(decision: DecisionRecord, lang: Language) {
  const ruleSet = ruleSetByVersion(decision.ruleSetVersion);
  return {
    outcome: decision.outcome,
    ruleSetVersion: decision.ruleSetVersion,
    decidedAt: decision.decidedAt,
    decidedBy: decision.decidedBy,
    ...(decision.reviewId ? { reviewId: decision.reviewId } : {}),
    reasons: decision.reasons.map((reason) => ({
      code: reason.code,
      params: reason.params,
      message:
        SUPERVISOR_MESSAGES[reason.code]?.[lang] ??
        (ruleSet ? reasonMessage(reason, ruleSet, lang) : reason.code),
    })),
  };
}

/** The household as the API shows it: its data, without index keys or the identity fingerprint. */
export function householdBody(household: HouseholdRecord) {
  const { fingerprint: _fingerprint, dedupe: _dedupe, ...shown } = household;
  return shown;
}

/** GET /households/{id}: the household, the decision in force with its reasons, its history and allocations. */
export function householdViewBody(view: HouseholdView, lang: Language) {
  const latest = view.decisions.at(-1);
  return {
    household: householdBody(view.household),
    decision: latest ? decisionView(latest, lang) : null,
    decisionHistory: view.decisions.map((decision) => decisionView(decision, lang)),
    reviews: view.reviews.map(reviewBody),
    allocations: view.allocations.map(({ pk: _pk, sk: _sk, ...allocation }) => allocation),
  };
}
