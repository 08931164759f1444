/**
 * Structural checks of an ASL document, reported as ValidateStateMachineDefinition diagnostics.
 * Expressions (JSONPath, JSONata) are checked by the interpreter when they run.
 */
export interface Diagnostic {
  severity: 'ERROR' | 'WARNING';
  code: string;
  message: string;
  location?: string;
}

const stateTypes = new Set(['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);
const terminalTypes = new Set(['Succeed', 'Fail', 'Choice']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkMachine(machine: unknown, at: string, diagnostics: Diagnostic[]) {
  const error = (code: string, message: string, location: string) =>
    diagnostics.push({ severity: 'ERROR', code, message, location });
  if (!isObject(machine))
    return error('SCHEMA_VALIDATION_FAILED', 'The definition must be a JSON object', at || '/');
  const states = machine['States'];
  if (typeof machine['StartAt'] !== 'string')
    error('SCHEMA_VALIDATION_FAILED', 'These fields are required: [StartAt]', at || '/');
  if (!isObject(states) || Object.keys(states).length === 0)
    return error('SCHEMA_VALIDATION_FAILED', 'These fields are required: [States]', at || '/');
  const names = new Set(Object.keys(states));
  const target = (name: unknown, location: string) => {
    if (typeof name !== 'string' || !names.has(name))
      error('MISSING_TRANSITION_TARGET', `Missing 'Next' target: ${String(name)}`, location);
  };
  if (typeof machine['StartAt'] === 'string') target(machine['StartAt'], `${at}/StartAt`);
  for (const [name, state] of Object.entries(states)) {
    const location = `${at}/States/${name}`;
    if (name.length > 80)
      error('SCHEMA_VALIDATION_FAILED', 'State names must be at most 80 characters', location);
    if (!isObject(state) || typeof state['Type'] !== 'string' || !stateTypes.has(state['Type'])) {
      error(
        'SCHEMA_VALIDATION_FAILED',
        `Field 'Type' must be one of ${[...stateTypes].join(', ')}`,
        location,
      );
      continue;
    }
    const type = state['Type'];
    if (!terminalTypes.has(type)) {
      if (state['Next'] !== undefined) target(state['Next'], `${location}/Next`);
      else if (state['End'] !== true)
        error('SCHEMA_VALIDATION_FAILED', "This state must have 'Next' or 'End'", location);
    }
    if (type === 'Task' && typeof state['Resource'] !== 'string')
      error('SCHEMA_VALIDATION_FAILED', 'These fields are required: [Resource]', location);
    if (type === 'Choice') {
      const choices = state['Choices'];
      if (!Array.isArray(choices) || choices.length === 0)
        error('SCHEMA_VALIDATION_FAILED', 'These fields are required: [Choices]', location);
      else
        choices.forEach((choice, index) => {
          target(isObject(choice) ? choice['Next'] : undefined, `${location}/Choices/${index}/Next`);
        });
      if (state['Default'] !== undefined) target(state['Default'], `${location}/Default`);
    }
    if (Array.isArray(state['Catch']))
      state['Catch'].forEach((catcher, index) => {
        target(isObject(catcher) ? catcher['Next'] : undefined, `${location}/Catch/${index}/Next`);
      });
    if (type === 'Parallel') {
      const branches = state['Branches'];
      if (!Array.isArray(branches) || branches.length === 0)
        error('SCHEMA_VALIDATION_FAILED', 'These fields are required: [Branches]', location);
      else
        branches.forEach((branch, index) => {
          checkMachine(branch, `${location}/Branches/${index}`, diagnostics);
        });
    }
    if (type === 'Map') {
      const processor = state['ItemProcessor'] ?? state['Iterator'];
      if (processor === undefined)
        error('SCHEMA_VALIDATION_FAILED', 'These fields are required: [ItemProcessor]', location);
      else checkMachine(processor, `${location}/ItemProcessor`, diagnostics);
    }
  }
}

export function validateDefinition(definition: string): Diagnostic[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch (error) {
    return [{ severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message: (error as Error).message }];
  }
  const diagnostics: Diagnostic[] = [];
  checkMachine(parsed, '', diagnostics);
  const language = isObject(parsed) ? parsed['QueryLanguage'] : undefined;
  if (language !== undefined && language !== 'JSONata' && language !== 'JSONPath')
    diagnostics.push({
      severity: 'ERROR',
      code: 'SCHEMA_VALIDATION_FAILED',
      message: "Field 'QueryLanguage' must be JSONata or JSONPath",
      location: '/QueryLanguage',
    });
  return diagnostics;
}
