import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Bucket, EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { Construct } from 'constructs';
import { BUCKET_ENV, type BucketName, type FunctionUses, TABLE_ENV, type TableName } from './bindings.ts';
import { AppFunction, ONE_ROLE_ONE_POLICY_REASON } from './constructs/app-function.ts';
import { bindBucket, bindStateMachine, bindTable, grantBucket, grantTable } from './constructs/binders.ts';
import { CaseworkApi } from './constructs/casework-api.ts';
import { acknowledgeBucketNotificationsHandler } from './constructs/cdk-managed.ts';
import {
  DEFAULT_GBV_RETENTION_DAYS,
  subscribeToExpiredRetentionMarkers,
} from './constructs/gbv-retention.ts';
import { createLogsKey } from './constructs/keys.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { PartnerUploadRoles, type UploadingPartner } from './constructs/partner-upload-roles.ts';
import { UserDirectory } from './constructs/user-directory.ts';
import { Workflow } from './constructs/workflow.ts';
import { subscribeToWorkflowFailures } from './constructs/workflow-failures.ts';
import type { DataStack } from './data-stack.ts';
import { REPO_ROOT } from './paths.ts';
import { ROUTES, type RouteSpec } from './routes.ts';
import { BULK_INTAKE_WORKFLOW, WORKFLOWS, type WorkflowSpec } from './workflows.ts';

/** The gbv-referral task that closes a case and writes its retention marker. */
const CLOSE_CASE_TASK = 'gbv/tasks/close-case.ts';

/** Workflows about one household or case (identified in their input), whose failures are marked. */
const WATCHED_WORKFLOWS = ['intake', 'kit-dispatch', 'gbv-referral'];

/** Prefix of partner uploads whose arrival starts the bulk-intake workflow. */
export const UPLOADS_PREFIX = 'uploads/';

export interface ServiceStackProps extends StackProps {
  readonly data: DataStack;
  readonly routes?: readonly RouteSpec[];
  readonly workflows?: readonly WorkflowSpec[];
  /** Where alarms are e-mailed (context `alarmEmail`); more subscribers can join the topic. */
  readonly alarmEmail?: string;
  /** Days a closed GBV case keeps its details before anonymization (context `gbvRetentionDays`; default 365). */
  readonly gbvRetentionDays?: number;
}

/**
 * The code half of the application: functions, workflows, the API and its identities. It only
 * references the data stack, so redeploying it can never replace a table, a bucket or a key.
 */
export class ServiceStack extends Stack {
  readonly api: CaseworkApi;
  readonly users: UserDirectory;
  readonly workflowKey: Key;
  readonly logsKey: Key;
  readonly workflows: ReadonlyMap<string, Workflow>;
  readonly functions: ReadonlyMap<string, AppFunction>;
  readonly bulkIntakeStarter: AppFunction;
  /** Marks the household or case of a failed workflow execution, and clears it on a redrive. */
  readonly workflowFailures: AppFunction | undefined;
  /** Anonymizes closed GBV cases whose retention marker expired. */
  readonly gbvAnonymizer: AppFunction;
  readonly monitoring: Monitoring;
  private readonly data: DataStack;
  /** Every function of the stack by entry file: route handlers, workflow tasks, the upload starter. */
  private readonly allFunctions = new Map<string, AppFunction>();
  private readonly workflowSpecs: ReadonlyMap<string, WorkflowSpec>;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    this.data = props.data;
    const workflowSpecs = props.workflows ?? WORKFLOWS;
    this.workflowSpecs = new Map(workflowSpecs.map((spec) => [spec.name, spec]));
    this.workflowKey = new Key(this, 'WorkflowKey', {
      description: 'Step Functions definitions and execution history',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logsKey = createLogsKey(this, 'LogsKey');
    this.workflows = this.createWorkflows(workflowSpecs);

    this.users = new UserDirectory(this, 'Users');
    this.api = new CaseworkApi(this, 'Api', {
      userPool: this.users.userPool,
      userPoolClient: this.users.client,
      logsKey: this.logsKey,
    });
    this.functions = this.createRoutes(props.routes ?? ROUTES);
    this.bulkIntakeStarter = this.createBulkIntakeStarter();
    this.workflowFailures = this.createWorkflowFailures();
    this.gbvAnonymizer = this.createGbvRetention(props.gbvRetentionDays ?? DEFAULT_GBV_RETENTION_DAYS);
    // On AWS a partner may also upload with its own role, limited to uploads/<partnerId>/.
    new PartnerUploadRoles(this, 'PartnerUploadRoles', {
      bucket: this.data.uploads,
      encryptionKey: this.data.dataKey,
      partners: PARTNERS,
    });
    this.monitoring = this.createMonitoring(props.alarmEmail);

    new CfnOutput(this, 'ApiUrl', { value: this.api.api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.users.client.userPoolClientId });
  }

  private createWorkflows(specs: readonly WorkflowSpec[]): Map<string, Workflow> {
    const data = this.data;
    const catalogue: Record<string, string> = {
      RegistryTableName: data.registry.table.tableName,
      ProtectionTableName: data.protection.table.tableName,
      IdempotencyTableName: data.idempotency.table.tableName,
      AuditTableName: data.audit.table.tableName,
      ConfigTableName: data.config.table.tableName,
      UploadsBucketName: data.uploads.bucketName,
      DocumentsBucketName: data.documents.bucketName,
      ReportsBucketName: data.reports.bucketName,
    };
    const workflows = new Map<string, Workflow>();
    for (const spec of specs) {
      const tasks = this.createTaskFunctions(spec, catalogue);
      const optional = Object.fromEntries((spec.optionalSubstitutions ?? []).map((name) => [name, '']));
      const workflow = new Workflow(this, `Workflow-${spec.name}`, {
        name: spec.name,
        encryptionKey: this.workflowKey,
        logsKey: this.logsKey,
        substitutions: { ...optional, ...catalogue },
      });
      const role = workflow.stateMachine.role;
      this.bindTaskFunctions(spec, tasks, workflow, workflows);
      for (const name of spec.starts ?? []) workflows.get(name)?.grantStartExecution(role);
      for (const [name, access] of entries(spec.uses?.tables)) grantTable(role, this.table(name), access);
      for (const [name, use] of entries(spec.uses?.buckets)) {
        grantBucket(role, this.bucket(name), use.access, use.prefix);
      }
      workflows.set(spec.name, workflow);
      // Later workflows can start earlier ones (nested executions) by ARN.
      catalogue[`${pascal(spec.name)}StateMachineArn`] = workflow.stateMachine.stateMachineArn;
    }
    return workflows;
  }

  /** The Lambda functions a workflow invokes; each ARN goes into the catalogue under its placeholder. */
  private createTaskFunctions(
    spec: WorkflowSpec,
    catalogue: Record<string, string>,
  ): Map<string, AppFunction> {
    const tasks = new Map<string, AppFunction>();
    for (const [placeholder, task] of entries(spec.tasks)) {
      // Workflow bindings wait until the workflows exist (a task may answer its own workflow).
      const { workflows: _bindLater, ...uses } = task.uses ?? {};
      const fn = this.createFunction(task.function, uses, 'sync', task.timeoutSeconds);
      catalogue[placeholder] = fn.fn.functionArn;
      tasks.set(placeholder, fn);
    }
    return tasks;
  }

  /** Lets the workflow invoke its task functions, and binds the workflows those functions use. */
  private bindTaskFunctions(
    spec: WorkflowSpec,
    tasks: ReadonlyMap<string, AppFunction>,
    workflow: Workflow,
    workflows: ReadonlyMap<string, Workflow>,
  ): void {
    for (const [placeholder, task] of entries(spec.tasks)) {
      const fn = tasks.get(placeholder);
      if (!fn) continue;
      // The exact ARN, not `grantInvoke` (which adds `<arn>:*`, a wildcard cdk-nag would flag).
      workflow.stateMachine.role.addToPrincipalPolicy(
        new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.fn.functionArn] }),
      );
      for (const [name, access] of entries(task.uses?.workflows)) {
        if (name === spec.name && access === 'taskResponse') {
          // A separate policy, and no ARN in the environment: the function itself must not depend
          // on the state machine that depends on it (a cycle). The task token is all it needs.
          const answer = new Policy(this, `TaskResponse-${pascal(task.function.replace(/\.ts$/, ''))}`, {
            roles: [fn.role],
            statements: [
              new PolicyStatement({
                actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
                resources: [workflow.stateMachine.stateMachineArn],
              }),
            ],
          });
          Validations.of(answer).acknowledge({
            id: 'HIPAA.Security-IAMNoInlinePolicy',
            reason: `${ONE_ROLE_ONE_POLICY_REASON} It is split from the default policy only to break a dependency cycle.`,
          });
          continue;
        }
        const target = name === spec.name ? workflow : workflows.get(name);
        const envName = this.workflowSpecs.get(name)?.envName;
        if (!target || !envName) {
          throw new Error(
            `${task.function} uses workflow "${name}", which is not listed before it with an envName`,
          );
        }
        bindStateMachine(fn, { stateMachine: target.stateMachine, access, envName });
      }
    }
  }

  private createRoutes(routes: readonly RouteSpec[]): Map<string, AppFunction> {
    const functions = new Map<string, AppFunction>();
    const rolesByFunction = new Map<string, string>();
    for (const route of routes) {
      const roles = route.roles === 'public' ? 'public' : route.roles.join(',');
      const known = rolesByFunction.get(route.function);
      if (known !== undefined && known !== roles) {
        throw new Error(
          `${route.function} serves routes with different roles (${known} / ${roles}): split it`,
        );
      }
      rolesByFunction.set(route.function, roles);
      let fn = functions.get(route.function);
      if (!fn) {
        fn = this.createFunction(route.function, route.uses ?? {});
        fn.addEnvironment('ROUTE_ROLES', roles);
        functions.set(route.function, fn);
      }
      this.api.addRoute(`${route.method}${pascal(route.path)}`, {
        method: HttpMethod[route.method],
        path: route.path,
        handler: fn.fn,
        public: route.roles === 'public',
        ...(route.publicBecause ? { publicBecause: route.publicBecause } : {}),
      });
    }
    return functions;
  }

  /** The dashboard and alarms over everything this stack runs, and the tables it uses. */
  private createMonitoring(alarmEmail: string | undefined): Monitoring {
    const functions = [...this.allFunctions.entries()];
    const data = this.data;
    return new Monitoring(this, 'Monitoring', {
      workflows: [...this.workflows].map(([name, workflow]) => ({
        name,
        stateMachine: workflow.stateMachine,
      })),
      functions: functions.map(([entry, fn]) => ({ name: entry.replace(/\.ts$/, ''), fn: fn.fn })),
      api: this.api.api,
      tables: [
        { name: 'registry', table: data.registry.table },
        { name: 'protection', table: data.protection.table },
        { name: 'idempotency', table: data.idempotency.table },
        { name: 'audit', table: data.audit.table },
      ],
      deadLetterQueues: functions.flatMap(([entry, fn]) =>
        fn.deadLetterQueue ? [{ name: entry.replace(/\.ts$/, ''), queue: fn.deadLetterQueue }] : [],
      ),
      ...(alarmEmail ? { alarmEmail } : {}),
    });
  }

  /**
   * S3 calls a small function for each new object under `uploads/`; it starts the bulk-intake
   * workflow with the object's identifiers. The notification is configured on an imported
   * reference: configured on the data stack's bucket object, CDK would put it in the data stack
   * and make the data stack depend on this one.
   */
  private createBulkIntakeStarter(): AppFunction {
    const fn = this.createFunction(
      'bulk-intake/start-bulk-intake.ts',
      { workflows: this.workflows.has(BULK_INTAKE_WORKFLOW) ? { [BULK_INTAKE_WORKFLOW]: 'start' } : {} },
      'async',
    );
    const uploads = Bucket.fromBucketAttributes(this, 'UploadsBucketRef', {
      bucketArn: this.data.uploads.bucketArn,
      bucketName: this.data.uploads.bucketName,
    });
    uploads.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn.fn), {
      prefix: UPLOADS_PREFIX,
    });
    acknowledgeBucketNotificationsHandler(this, uploads);
    return fn;
  }

  /** The workflows whose failed executions leave a mark on their household or case. */
  private createWorkflowFailures(): AppFunction | undefined {
    const watched = WATCHED_WORKFLOWS.flatMap((name) => {
      const workflow = this.workflows.get(name);
      return workflow ? [workflow.stateMachine] : [];
    });
    if (watched.length === 0) return undefined;
    const fn = this.createFunction(
      'workflow-failures/record-workflow-failure.ts',
      { tables: { registry: 'readWrite', protection: 'readWrite', audit: 'append' } },
      'async',
      30,
    );
    subscribeToWorkflowFailures(this, 'WorkflowFailures', { fn, stateMachines: watched });
    return fn;
  }

  /**
   * GBV retention: the close-case task writes a retention marker that expires after the retention
   * period (GBV_RETENTION_DAYS); its removal by TTL reaches the anonymizer through the protection
   * table's stream.
   */
  private createGbvRetention(retentionDays: number): AppFunction {
    if (!(Number.isFinite(retentionDays) && retentionDays > 0))
      throw new Error(`gbvRetentionDays must be a positive number of days, not ${retentionDays}`);
    this.allFunctions.get(CLOSE_CASE_TASK)?.addEnvironment('GBV_RETENTION_DAYS', String(retentionDays));
    const fn = this.createFunction(
      'gbv/retention/anonymize-expired-cases.ts',
      { tables: { protection: 'readWrite', audit: 'append' } },
      'async',
      60,
    );
    subscribeToExpiredRetentionMarkers(this, 'GbvRetentionStream', {
      fn,
      table: this.data.protection.table,
      failures: fn.deadLetterQueue!,
    });
    return fn;
  }

  private createFunction(
    entry: string,
    uses: FunctionUses,
    invocation: 'sync' | 'async' = 'sync',
    timeoutSeconds?: number,
  ): AppFunction {
    const fn = new AppFunction(this, `Fn-${pascal(entry.replace(/\.ts$/, ''))}`, {
      entry,
      invocation,
      ...(timeoutSeconds ? { timeout: Duration.seconds(timeoutSeconds) } : {}),
      logsKey: this.logsKey,
      protectionAccess: uses.tables?.protection !== undefined,
      environment: { APP_VERSION: APP_VERSION },
    });
    this.allFunctions.set(entry, fn);
    for (const [name, access] of entries(uses.tables)) {
      bindTable(fn, { table: this.table(name), access, envName: TABLE_ENV[name] });
    }
    for (const [name, use] of entries(uses.buckets)) {
      bindBucket(fn, {
        bucket: this.bucket(name),
        access: use.access,
        envName: BUCKET_ENV[name],
        ...(use.prefix ? { prefix: use.prefix } : {}),
      });
    }
    for (const [name, access] of entries(uses.workflows)) {
      const workflow = this.workflows.get(name);
      const envName = this.workflowSpecs.get(name)?.envName;
      if (!workflow || !envName) {
        throw new Error(
          `${entry} uses workflow "${name}", which infra/workflows.ts does not list with an envName`,
        );
      }
      bindStateMachine(fn, { stateMachine: workflow.stateMachine, access, envName });
    }
    return fn;
  }

  private table(name: TableName) {
    return this.data[name];
  }

  private bucket(name: BucketName) {
    return this.data[name];
  }
}

/** Partners of this deployment (config/partners.json): one upload role each. */
const PARTNERS = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'config', 'partners.json'), 'utf8')) as {
    partners: UploadingPartner[];
  }
).partners;

const APP_VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

function entries<K extends string, V>(record: Partial<Readonly<Record<K, V>>> | undefined): [K, V][] {
  return Object.entries(record ?? {}) as [K, V][];
}

/** `bulk-intake/start-bulk-intake` → `BulkIntakeStartBulkIntake`; `/health` → `Health`. */
function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}
