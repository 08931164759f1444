import type { Condition, FactName, FactTest } from './rule-set.ts';

type Facts = Partial<Record<FactName, unknown>>;

/** Evaluates a rule condition against facts; unknown shapes never match. */
export function evaluateCondition(condition: Condition, facts: Facts): boolean {
  if ('all' in condition) return condition.all.every((inner) => evaluateCondition(inner, facts));
  if ('any' in condition) return condition.any.some((inner) => evaluateCondition(inner, facts));
  if ('not' in condition) return !evaluateCondition(condition.not, facts);
  return evaluateTest(condition, facts);
}

function evaluateTest(test: FactTest, facts: Facts): boolean {
  const value = facts[test.fact];
  if (test.missing !== undefined) return (value === undefined) === test.missing;
  if (value === undefined) return false;
  if (test.eq !== undefined && value !== test.eq) return false;
  if (test.in !== undefined && !test.in.includes(value as string | number)) return false;
  if (test.gte !== undefined && !(typeof value === 'number' && value >= test.gte)) return false;
  if (test.gt !== undefined && !(typeof value === 'number' && value > test.gt)) return false;
  if (test.lte !== undefined && !(typeof value === 'number' && value <= test.lte)) return false;
  if (test.lt !== undefined && !(typeof value === 'number' && value < test.lt)) return false;
  return true;
}

/** The facts a condition refers to, in first-seen order; used to explain a decision. */
export function factsReferenced(condition: Condition): FactName[] {
  const names = new Set<FactName>();
  const walk = (inner: Condition) => {
    if ('all' in inner) inner.all.forEach(walk);
    else if ('any' in inner) inner.any.forEach(walk);
    else if ('not' in inner) walk(inner.not);
    else names.add(inner.fact);
  };
  walk(condition);
  return [...names];
}
