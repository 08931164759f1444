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
  /**
   * Lambda functions the definition invokes, by placeholder: the function's ARN fills it and the
   * workflow may invoke it. A task function may answer its own workflow's callbacks
   * (`uses.workflows: { <this workflow>: 'taskResponse' }`).
   */
  readonly tasks?: Readonly<Record<string, WorkflowTaskSpec>>;
  /** Workflows (listed earlier) whose executions this one starts (nested executions). */
  readonly starts?: readonly string[];
  /**
   * Placeholders that may have no value yet (a workflow another issue adds later): they are
   * substituted with an empty string, and the definition must guard them.
   */
  readonly optionalSubstitutions?: readonly string[];
}

/** A Lambda function invoked by a workflow's Task state. */
export interface WorkflowTaskSpec {
  /** Entry file under `functions/`. */
  readonly function: string;
  readonly uses?: FunctionUses;
  /** Lambda timeout when the default (10 s) is too short, e.g. a batch of rows. */
  readonly timeoutSeconds?: number;
}

const intakeTask = (entry: string, uses: FunctionUses = {}): WorkflowTaskSpec => ({
  function: `intake/${entry}`,
  uses: { ...uses, tables: { registry: 'readWrite', audit: 'append', ...uses.tables } },
});

const kitTask = (entry: string, uses: FunctionUses = {}): WorkflowTaskSpec => ({
  function: `allocations/${entry}`,
  uses: { ...uses, tables: { registry: 'readWrite', audit: 'append', ...uses.tables } },
});
/** Kit-dispatch tasks that answer waiting steps (their own, or waitlisted ones they serve). */
const answersKitDispatch = { workflows: { 'kit-dispatch': 'taskResponse' } } as const;

const gbvTask = (entry: string): WorkflowTaskSpec => ({
  function: `gbv/tasks/${entry}`,
  uses: { tables: { protection: 'readWrite', audit: 'append' } },
});

/** Every workflow of the application. */
export const WORKFLOWS: readonly WorkflowSpec[] = [
  { name: 'health-check' },
  // Before intake, which starts it (its ARN must be in the catalogue first).
  {
    name: 'kit-dispatch',
    envName: 'KIT_DISPATCH_STATE_MACHINE_ARN',
    tasks: {
      // Writes only to clear a failure mark a redrive got to before its status-change event did.
      ComputeEntitlementFunctionArn: kitTask('compute-entitlement.ts'),
      ReserveKitsFunctionArn: kitTask('reserve-kits.ts', answersKitDispatch),
      // Issues the voucher and parks the confirmation token ("Wait for confirmation").
      IssueVoucherFunctionArn: kitTask('issue-voucher.ts', {
        ...answersKitDispatch,
        buckets: { documents: { access: 'write', prefix: 'vouchers/' } },
      }),
      ExpireAllocationFunctionArn: kitTask('expire-allocation.ts', answersKitDispatch),
    },
  },
  {
    name: 'intake',
    envName: 'INTAKE_STATE_MACHINE_ARN',
    uses: { tables: { registry: 'readWrite' } },
    tasks: {
      // Deduplication and eligibility in one task: they ran back to back (see the ASL's Comment).
      ScreenHouseholdFunctionArn: intakeTask('screen-household.ts'),
      RequestReviewFunctionArn: intakeTask('request-review.ts', { workflows: { intake: 'taskResponse' } }),
      RecordReviewDecisionFunctionArn: intakeTask('record-review-decision.ts'),
    },
    // Every deployment has kit dispatch (listed above), so intake starts it without a check.
    starts: ['kit-dispatch'],
  },
  // Partner uploads (issue 8): started by start-bulk-intake for each new object under uploads/.
  {
    name: 'bulk-intake',
    envName: 'BULK_INTAKE_STATE_MACHINE_ARN',
    // The Map's ItemReader reads the staged item list; child executions are this state machine's own.
    uses: { buckets: { reports: { access: 'read', prefix: 'work/' } } },
    tasks: {
      CheckFileFunctionArn: {
        function: 'bulk-intake/check-file.ts',
        timeoutSeconds: 120,
        uses: {
          tables: { registry: 'readWrite' },
          buckets: {
            uploads: { access: 'read', prefix: 'uploads/' },
            reports: { access: 'write', prefix: 'work/' },
          },
        },
      },
      RegisterRowsFunctionArn: {
        function: 'bulk-intake/register-rows.ts',
        timeoutSeconds: 120,
        uses: {
          tables: { registry: 'readWrite', idempotency: 'readWrite', audit: 'append' },
          buckets: { reports: { access: 'read', prefix: 'work/' } },
          workflows: { intake: 'start' },
        },
      },
      WriteReportFunctionArn: {
        function: 'bulk-intake/write-report.ts',
        timeoutSeconds: 120,
        uses: {
          tables: { registry: 'readWrite' },
          buckets: { reports: { access: 'write', prefix: 'reports/' } },
        },
      },
    },
  },
  {
    name: 'gbv-referral',
    envName: 'GBV_REFERRAL_STATE_MACHINE_ARN',
    // No table: the workflow role is outside the /protection/ path, so only these tasks read cases.
    tasks: {
      PlanReferralsFunctionArn: gbvTask('plan-referrals.ts'),
      AwaitStepFunctionArn: gbvTask('await-step.ts'),
      CheckDueFunctionArn: gbvTask('check-due.ts'),
      CloseCaseFunctionArn: gbvTask('close-case.ts'),
    },
  },
];

/** The workflow that S3 uploads under `uploads/` start, once it is listed above. */
export const BULK_INTAKE_WORKFLOW = 'bulk-intake';
