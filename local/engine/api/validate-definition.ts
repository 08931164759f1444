import {
  type DefinitionDiagnostic,
  invalidDefinitionMessage,
  validateDefinition as validateAsl,
} from '../interpreter/validate.ts';

export type Diagnostic = DefinitionDiagnostic;
export { invalidDefinitionMessage };

/** Diagnostics of a definition as sent to the API (JSON text), as ValidateStateMachineDefinition reports them. */
export function validateDefinition(definition: string): Diagnostic[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch (error) {
    return [
      {
        severity: 'ERROR',
        code: 'INVALID_JSON_DESCRIPTION',
        message: (error as Error).message,
        location: '/',
      },
    ];
  }
  return validateAsl(parsed);
}
