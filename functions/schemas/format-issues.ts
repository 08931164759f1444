import type * as z from 'zod';
// The two locales by path: `z.locales` would bundle every language zod ships (≈ 370 KB).
import en from 'zod/v4/locales/en.js';
import fr from 'zod/v4/locales/fr.js';
import type { Language } from '../domain/i18n/language.ts';
import { messageNameOf, renderMessage } from './messages.ts';

/** One field-level problem, as the API returns it. */
export interface FieldIssue {
  path: string;
  message: string;
}

const LOCALES = { fr: fr(), en: en() } as const;

type Issue = z.core.$ZodIssue & { received?: string; params?: Record<string, unknown> };

/**
 * Turns a zod error into field messages in French or English, chosen per call (zod's global
 * locale is never touched, so concurrent requests in two languages do not interfere). Messages of
 * the schemas' own checks come from {@link MESSAGES}; zod's come from its `fr` and `en` locales.
 * No input value is ever echoed, so a message can be logged.
 */
export function formatIssues(error: z.ZodError, lang: Language): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues as Issue[]) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({ path: [...path, key].join('.'), message: renderMessage('unknownField', lang) });
      continue;
    }
    out.push({ path: path.join('.'), message: messageFor(issue, lang) });
  }
  return out;
}

function messageFor(issue: Issue, lang: Language): string {
  const name = messageNameOf(issue.message);
  if (name) return renderMessage(name, lang, issue.params);
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.received === 'undefined')
    return renderMessage('required', lang);
  if (issue.code === 'invalid_union') {
    const union = issue as Issue & { options?: unknown[]; errors: Issue[][] };
    // A discriminated union names its options: say which values are allowed, as for an enum.
    if (union.options)
      return messageFor({ ...union, code: 'invalid_value', values: union.options } as unknown as Issue, lang);
    // Otherwise say what each alternative expected ("ISO date / ISO date and time").
    const alternatives = union.errors
      .map((list) => list[0])
      .filter((inner): inner is Issue => inner !== undefined);
    if (alternatives.length > 0)
      return [...new Set(alternatives.map((inner) => messageFor(inner, lang)))].join(' / ');
  }
  // zod's locale messages read `input` only to name the received type; give them that name alone.
  const raw = { ...issue, input: sampleOfType(issue.received) } as unknown as z.core.$ZodRawIssue;
  return LOCALES[lang].localeError(raw) as string;
}

/** A stand-in value whose type zod's locales will name, so no real input is needed. */
function sampleOfType(type: string | undefined): unknown {
  switch (type) {
    case 'string':
      return '';
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    case 'null':
      return null;
    default:
      return undefined;
  }
}
