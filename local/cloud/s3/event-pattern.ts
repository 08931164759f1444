/**
 * EventBridge event-pattern matching: the subset rules use in practice (exact values, prefix,
 * suffix, anything-but, exists, wildcard, numeric ranges, `$or`), enough for S3, Step Functions
 * status changes and custom events.
 */
export function matchesPattern(pattern: Record<string, unknown>, event: Record<string, unknown>): boolean {
  return Object.entries(pattern).every(([field, expected]) => {
    // `$or`: any of the sub-patterns matches at this level (e.g. failed, or redriven).
    if (field === '$or' && Array.isArray(expected))
      return expected.some((alternative) => matchesPattern(alternative as Record<string, unknown>, event));
    const actual = event[field];
    if (Array.isArray(expected)) {
      const values = Array.isArray(actual) ? actual : [actual];
      return expected.some((rule) => values.some((value) => matchesRule(rule, value, actual !== undefined)));
    }
    if (expected && typeof expected === 'object') {
      return (
        actual !== null &&
        typeof actual === 'object' &&
        matchesPattern(expected as Record<string, unknown>, actual as Record<string, unknown>)
      );
    }
    return false;
  });
}

function matchesRule(rule: unknown, value: unknown, present: boolean): boolean {
  if (rule === null || typeof rule !== 'object') return present && rule === value;
  const [kind, arg] = Object.entries(rule)[0] ?? [];
  const text = typeof value === 'string' ? value : undefined;
  switch (kind) {
    case 'prefix':
      return text?.startsWith(String(arg)) ?? false;
    case 'suffix':
      return text?.endsWith(String(arg)) ?? false;
    case 'exists':
      return present === Boolean(arg);
    case 'anything-but': {
      const excluded = Array.isArray(arg) ? arg : [arg];
      if (arg && typeof arg === 'object' && !Array.isArray(arg) && 'prefix' in arg) {
        return text !== undefined && !text.startsWith(String((arg as { prefix: string }).prefix));
      }
      return present && !excluded.includes(value);
    }
    case 'wildcard': {
      const regex = new RegExp(
        `^${String(arg)
          .split('*')
          .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      );
      return text !== undefined && regex.test(text);
    }
    case 'numeric': {
      const conditions = arg as (string | number)[];
      if (typeof value !== 'number') return false;
      for (let i = 0; i + 1 < conditions.length; i += 2) {
        const bound = Number(conditions[i + 1]);
        const ok = {
          '<': value < bound,
          '<=': value <= bound,
          '=': value === bound,
          '>': value > bound,
          '>=': value >= bound,
        }[String(conditions[i]) as '<'];
        if (!ok) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
