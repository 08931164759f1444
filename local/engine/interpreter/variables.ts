/**
 * Workflow variables (`Assign`) with Step Functions scoping: a Parallel branch or Map iteration
 * reads the variables of the scopes around it and writes only its own.
 */
export interface VariableScope {
  readonly values: Map<string, unknown>;
  readonly parent: VariableScope | undefined;
}

export function rootScope(): VariableScope {
  return { values: new Map(), parent: undefined };
}

export function childScope(parent: VariableScope): VariableScope {
  return { values: new Map(), parent };
}

export function lookupVariable(scope: VariableScope, name: string): { found: boolean; value: unknown } {
  for (let current: VariableScope | undefined = scope; current; current = current.parent) {
    if (current.values.has(name)) return { found: true, value: current.values.get(name) };
  }
  return { found: false, value: undefined };
}

/** All visible variables, inner scopes shadowing outer ones, for JSONata bindings. */
export function visibleVariables(
  scope: VariableScope,
  into: Record<string, unknown>,
): Record<string, unknown> {
  if (scope.parent) visibleVariables(scope.parent, into);
  for (const [name, value] of scope.values) into[name] = value;
  return into;
}

export function assignVariables(scope: VariableScope, assignments: Record<string, unknown>): void {
  for (const name of Object.keys(assignments)) scope.values.set(name, assignments[name]);
}
