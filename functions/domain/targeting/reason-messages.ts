import type { Language } from '../i18n/language.ts';
import type { EligibilityReason } from './decide-eligibility.ts';
import type { EligibilityRuleSet, FactValue } from './rule-set.ts';

/**
 * Renders a reason in French or English from the rule set's own templates, so a programme that adds
 * a rule also writes its explanation. Unknown codes fall back to the code itself.
 */
export function reasonMessage(
  reason: EligibilityReason,
  ruleSet: EligibilityRuleSet,
  lang: Language,
): string {
  const template =
    ruleSet.rules.find((rule) => rule.reason === reason.code)?.message ??
    (ruleSet.otherwise.reason === reason.code ? ruleSet.otherwise.message : undefined);
  if (!template) return reason.code;
  return fillTemplate(template[lang], reason.params, lang);
}

/** Replaces `{name}` with the param; lists are joined, numbers printed with the language's decimal mark. */
export function fillTemplate(
  template: string,
  params: Record<string, FactValue>,
  lang: Language = 'en',
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (Array.isArray(value)) return value.join(', ');
    if (typeof value === 'number') return lang === 'fr' ? String(value).replace('.', ',') : String(value);
    return String(value);
  });
}
