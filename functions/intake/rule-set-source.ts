import type { EligibilityRuleSet } from '#domain/targeting/rule-set.ts';
import shippedRuleSet from '../../config/eligibility-rules.v1.json' with { type: 'json' };

/**
 * The rule set in force. Bundled with the function, so a decision never waits on a read and the
 * version it records is the one that ran; a programme publishes a new version with a deploy.
 */
export const currentRuleSet = (): EligibilityRuleSet => shippedRuleSet as EligibilityRuleSet;

/** Rule sets by version, to explain decisions taken under an earlier one. */
export const ruleSetByVersion = (version: string): EligibilityRuleSet | undefined =>
  version === shippedRuleSet.version ? currentRuleSet() : undefined;
