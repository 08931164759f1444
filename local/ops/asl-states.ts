/** Read-only helpers over an ASL definition as the API returns it (a JSON string). */

export type AslState = Record<string, unknown> & { Type?: string };
export type AslDefinition = { StartAt?: string; States?: Record<string, AslState> } & Record<string, unknown>;

/** The sub-definitions a compound state holds: Parallel branches, or a Map's processor. */
export function childDefinitions(state: AslState): AslDefinition[] {
  if (state.Type === 'Parallel' && Array.isArray(state.Branches)) return state.Branches as AslDefinition[];
  if (state.Type === 'Map') {
    const processor = (state.ItemProcessor ?? state.Iterator) as AslDefinition | undefined;
    return processor ? [processor] : [];
  }
  return [];
}

/** Every state of the definition, nested ones included, by name (ASL names are unique machine-wide). */
export function flattenStates(definition: AslDefinition): Map<string, AslState> {
  const states = new Map<string, AslState>();
  const visit = (scope: AslDefinition) => {
    for (const [name, state] of Object.entries(scope.States ?? {})) {
      states.set(name, state);
      for (const child of childDefinitions(state)) visit(child);
    }
  };
  visit(definition);
  return states;
}

export function isCallbackState(state: AslState | undefined): boolean {
  return (
    state?.Type === 'Task' &&
    typeof state.Resource === 'string' &&
    state.Resource.endsWith('.waitForTaskToken')
  );
}

export function parseDefinition(text: string | undefined): AslDefinition {
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  return typeof parsed === 'object' && parsed !== null ? (parsed as AslDefinition) : {};
}
