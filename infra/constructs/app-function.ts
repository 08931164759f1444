import { isAbsolute, join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { type IRole, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FUNCTIONS_DIR, REPO_ROOT } from '../paths.ts';
import { BUNDLE_ALIASES } from './bundling/aliases.ts';
import { BUNDLE_ESBUILD } from './bundling/esbuild-settings.ts';
import { zodMethodDrops } from './bundling/zod-methods.ts';
import { acknowledgeServiceWildcards } from './nag-acknowledgments.ts';

/**
 * IAM path of roles allowed to use the protection (GBV) key. The key policy matches on it, and
 * a role's path cannot change after creation: reaching GBV data takes creating a role under this
 * path (iam:CreateRole, which can be restricted by path), not merely editing a policy.
 */
export const PROTECTION_ROLE_PATH = '/protection/';

/** What active tracing grants; X-Ray has no resource-level permissions. */
export const XRAY_ACTIONS = [
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
];

/** Why the X-Ray grant has a wildcard; shared by every function and workflow. */
export const XRAY_WILDCARD_REASON =
  'X-Ray PutTraceSegments and PutTelemetryRecords do not support resource-level permissions, so active tracing needs Resource "*".';

/** Why a role's generated policy stays inline; shared by functions and workflows. */
export const ONE_ROLE_ONE_POLICY_REASON =
  "The role belongs to exactly one function or state machine and its policy is generated from that resource's declared grants; a managed policy would be attached to this one role only, adding a resource without separating any duty.";

export interface AppFunctionProps {
  /** Handler file relative to `functions/`, e.g. `health/get-health.ts` (or an absolute path). */
  readonly entry: string;
  /** Exported handler name. */
  readonly handler?: string;
  readonly description?: string;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  /** Reserved concurrency; unset leaves the function in the account's shared pool. */
  readonly reservedConcurrentExecutions?: number;
  readonly environment?: Readonly<Record<string, string>>;
  /** Gives the function a role under {@link PROTECTION_ROLE_PATH}, the only roles the protection key trusts. */
  readonly protectionAccess?: boolean;
  readonly logRetention?: RetentionDays;
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Powertools service name; defaults to the name of the handler's folder. */
  readonly serviceName?: string;
  /** Key for the log group; CloudWatch Logs' own encryption when omitted. */
  readonly logsKey?: IKey;
  /**
   * `async` for functions invoked by events (S3, EventBridge): failed events then land in a
   * dead-letter queue instead of vanishing after Lambda's retries. API handlers are `sync`:
   * the caller receives the error.
   */
  readonly invocation?: 'sync' | 'async';
}

/**
 * A Lambda function with this application's defaults fixed: Node.js 24 on arm64, an esbuild ESM
 * bundle (minified, source maps, the AWS clients replaced by small ones: {@link BUNDLE_ALIASES}), its own
 * log group with retention, Powertools settings, active X-Ray tracing, and its own role whose
 * only permission to start with is writing to that log group.
 */
export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: IRole;
  readonly logGroup: LogGroup;
  readonly deadLetterQueue: Queue | undefined;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const folder = props.entry.split('/')[0] ?? props.entry;
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
      ...(props.logsKey ? { encryptionKey: props.logsKey } : {}),
    });
    this.deadLetterQueue =
      props.invocation === 'async'
        ? new Queue(this, 'DeadLetters', {
            encryption: QueueEncryption.SQS_MANAGED,
            enforceSSL: true,
            retentionPeriod: Duration.days(14),
          })
        : undefined;
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      ...(props.protectionAccess ? { path: PROTECTION_ROLE_PATH } : {}),
    });
    this.logGroup.grantWrite(role);
    this.role = role;
    const entry = isAbsolute(props.entry) ? props.entry : join(FUNCTIONS_DIR, props.entry);
    this.fn = new NodejsFunction(this, 'Function', {
      entry,
      handler: props.handler ?? 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role,
      logGroup: this.logGroup,
      ...(props.description ? { description: props.description } : {}),
      ...(this.deadLetterQueue ? { deadLetterQueue: this.deadLetterQueue } : {}),
      ...(props.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName ?? folder,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        POWERTOOLS_METRICS_NAMESPACE: 'Casework',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLE_ESBUILD.target,
        mainFields: [...BUNDLE_ESBUILD.mainFields],
        minify: BUNDLE_ESBUILD.minify,
        keepNames: BUNDLE_ESBUILD.keepNames,
        sourceMap: true,
        // Stack traces need file and line, not the sources: a smaller map is quicker to load,
        // and Node loads it at cold start under --enable-source-maps.
        sourcesContent: false,
        bundleAwsSDK: true,
        banner: BUNDLE_ESBUILD.banner,
        // The zod facade's classic methods this function never names are left out (zod-methods.ts);
        // not worked out when this synth skips bundling (tests).
        define: Stack.of(this).bundlingRequired ? zodMethodDrops(entry) : {},
        esbuildArgs: Object.fromEntries(
          Object.entries(BUNDLE_ALIASES).map(([name, path]) => [`--alias:${name}`, path]),
        ),
      },
    });
    this.acknowledgeFindings(props);
  }

  /** Findings every function shares, each with the reason it is accepted here. */
  private acknowledgeFindings(props: AppFunctionProps): void {
    Validations.of(this.role).acknowledge({
      id: 'HIPAA.Security-IAMNoInlinePolicy',
      reason: ONE_ROLE_ONE_POLICY_REASON,
    });
    acknowledgeServiceWildcards(this.role, XRAY_ACTIONS, XRAY_WILDCARD_REASON);
    Validations.of(this.fn).acknowledge({
      id: 'HIPAA.Security-LambdaInsideVPC',
      reason:
        'The function reaches only AWS APIs (DynamoDB, S3, Step Functions, KMS) over TLS with IAM-signed requests and no network-addressed resource exists; a VPC would add NAT or endpoint costs without narrowing access.',
    });
    if (props.reservedConcurrentExecutions === undefined) {
      Validations.of(this.fn).acknowledge({
        id: 'HIPAA.Security-LambdaConcurrency',
        reason:
          'Reserved concurrency is opt-in per function (reservedConcurrentExecutions); by default the API stage throttle bounds load. Reserving by default would fail deployment in accounts with the low default concurrency quota.',
      });
    }
    if (!this.deadLetterQueue) {
      Validations.of(this.fn).acknowledge({
        id: 'HIPAA.Security-LambdaDLQ',
        reason:
          'Invoked synchronously (API Gateway): the caller receives the error and nothing is retried in the background, so a dead-letter queue would never receive anything.',
      });
    }
  }

  addEnvironment(name: string, value: string): void {
    this.fn.addEnvironment(name, value);
  }
}
