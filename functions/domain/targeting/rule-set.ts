import type { FcsThresholds, FcsWeights } from './fcs.ts';
import type { PhaseBand } from './rcsi.ts';

/** A value a fact can take. */
export type FactValue = number | string | boolean | readonly string[];

/** Names of the facts rules can test; see {@link householdFacts}. */
export type FactName =
  | 'fcsScore'
  | 'fcsCategory'
  | 'rcsiScore'
  | 'rcsiPhase'
  | 'hhsScore'
  | 'hhsCategory'
  | 'hhsPhase'
  | 'foodSecurityIndicators'
  | 'householdSize'
  | 'childrenUnder5'
  | 'pregnantOrLactating'
  | 'elderly'
  | 'withDisability'
  | 'womenAndGirls12to49'
  | 'headSex'
  | 'headAge'
  | 'femaleHead'
  | 'childHead'
  | 'elderlyHead'
  | 'displacement'
  | 'vulnerabilityScore'
  | 'vulnerabilityCriteria';

/** A test on one fact. A missing fact fails every comparison except `missing: true`. */
export interface FactTest {
  fact: FactName;
  eq?: string | number | boolean;
  in?: readonly (string | number)[];
  gte?: number;
  gt?: number;
  lte?: number;
  lt?: number;
  missing?: boolean;
}

/** A condition: a fact test or a combination. */
export type Condition =
  | FactTest
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition };

export type EligibilityOutcome = 'ELIGIBLE' | 'INELIGIBLE' | 'REVIEW';

/** Message templates; `{fact}` placeholders are filled from the reason params. */
export interface LocalizedTemplate {
  fr: string;
  en: string;
}

/** One rule: when the condition holds, it proposes an outcome and explains itself with a reason code. */
export interface EligibilityRule {
  reason: string;
  when: Condition;
  /** Further facts to report in the reason params (the condition's own facts always are). */
  explain?: readonly FactName[];
  outcome: EligibilityOutcome;
  message: LocalizedTemplate;
}

/** A vulnerability criterion adds points to `vulnerabilityScore` when its condition holds. */
export interface VulnerabilityCriterion {
  code: string;
  when: Condition;
  points: number;
}

/**
 * A versioned, data-only targeting policy. Rules are ordered: the first rule that matches fixes the
 * outcome, and every matching rule with that same outcome is given as a reason. A programme
 * changes thresholds, weights, criteria and rules by publishing a new version of this document.
 */
export interface EligibilityRuleSet {
  version: string;
  fcs: { weights: FcsWeights; thresholds: FcsThresholds };
  rcsi: { phases: readonly PhaseBand[] };
  hhs: { phases: readonly PhaseBand[] };
  /** A head aged at most `childHeadMaxAge` is a child head; aged at least `elderlyMinAge`, an elderly head. */
  ages: { childHeadMaxAge: number; elderlyMinAge: number };
  vulnerability: readonly VulnerabilityCriterion[];
  rules: readonly EligibilityRule[];
  /** Used when no rule matches. */
  otherwise: { outcome: EligibilityOutcome; reason: string; message: LocalizedTemplate };
}
