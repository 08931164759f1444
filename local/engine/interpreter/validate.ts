/** Placeholder replaced below. */
export function validateDefinition(_definition: unknown): { diagnostics: unknown[] } {
  return { diagnostics: [] };
}
