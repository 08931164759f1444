/**
 * Picks identifiers out of an execution input: top-level fields whose name ends in `Id` or `Ids`
 * with short token-like values. Payloads should carry nothing else, but a view that shows case
 * ids must not become the way a stray name reaches an operator, so anything else is dropped.
 */
export function pickIdentifiers(input: string | undefined): Record<string, string> {
  if (!input) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const identifiers: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (/Id$/.test(key) && typeof value === 'string' && IDENTIFIER.test(value)) identifiers[key] = value;
  }
  return identifiers;
}

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_:.#-]{0,63}$/;
