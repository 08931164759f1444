import type { FunctionUses } from './bindings.ts';

/**
 * One state machine, from `workflows/<name>.asl.json`. Its definition may use any placeholder of
 * the substitution catalogue the service stack builds (table and bucket names, workflow ARNs);
 * `uses` grants its role what its service integrations touch.
 */
export interface WorkflowSpec {
  readonly name: string;
  /** Environment variable through which functions find it, e.g. `INTAKE_STATE_MACHINE_ARN`. */
  readonly envName?: string;
  readonly uses?: Omit<FunctionUses, 'workflows'>;
}

/** Every workflow of the application. */
export const WORKFLOWS: readonly WorkflowSpec[] = [{ name: 'health-check' }];

/** The workflow that S3 uploads under `uploads/` start, once it is listed above. */
export const BULK_INTAKE_WORKFLOW = 'bulk-intake';
