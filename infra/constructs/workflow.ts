import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { Grant, IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  CustomerManagedEncryptionConfiguration,
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { WORKFLOWS_DIR } from '../paths.ts';
import { ONE_ROLE_ONE_POLICY_REASON, XRAY_ACTIONS, XRAY_WILDCARD_REASON } from './app-function.ts';
import { grantDistributedMapRuns, hasDistributedMap } from './distributed-map-access.ts';
import { acknowledgeServiceWildcards } from './nag-acknowledgments.ts';

// What CDK grants a state machine role for logging to CloudWatch Logs.
const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
];

/** A definition file that cannot be deployed as written. */
export class WorkflowDefinitionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WorkflowDefinitionError';
  }
}

export interface WorkflowProps {
  /** Definition file name without extension: `workflows/<name>.asl.json`. */
  readonly name: string;
  /**
   * Values for the `${Placeholder}`s of the definition: ARNs and names, usually tokens. It may
   * be a catalogue larger than the definition needs: only the placeholders used are passed on.
   */
  readonly substitutions?: Readonly<Record<string, string>>;
  /** Customer-managed key for the definition and execution history. */
  readonly encryptionKey: IKey;
  readonly logRetention?: RetentionDays;
  /** Key for the log group; CloudWatch Logs' own encryption when omitted. */
  readonly logsKey?: IKey;
  /** Overrides the workflows folder (tests). */
  readonly directory?: string;
}

/**
 * A Standard state machine from an ASL file, with the settings Decision 3 requires: logs at level
 * ALL without execution data (payloads never reach CloudWatch), X-Ray tracing, and encryption
 * under a customer-managed key.
 *
 * The definition is read from the file and placed in the template as `DefinitionString` (with
 * `DefinitionSubstitutions` beside it) rather than through `DefinitionBody.fromFile`, which would
 * upload it as an S3 asset: the local runtime reads definitions straight from the template.
 */
export class Workflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    const file = join(props.directory ?? WORKFLOWS_DIR, `${props.name}.asl.json`);
    const text = readFileSync(file, 'utf8');
    const catalogue = props.substitutions ?? {};
    const { used, definition } = checkDefinition(file, text, catalogue);
    const substitutions = Object.fromEntries(used.map((name) => [name, catalogue[name] as string]));

    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-${props.name}`,
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
      ...(props.logsKey ? { encryptionKey: props.logsKey } : {}),
    });
    // A Distributed Map starts child executions of its own state machine: its role must name the
    // state machine, so the name is fixed (`<stack>-<workflow>`) instead of generated.
    const distributed = hasDistributedMap(definition);
    const stateMachineName = distributed ? `${Stack.of(this).stackName}-${props.name}` : undefined;
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      ...(stateMachineName ? { stateMachineName } : {}),
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(text),
      definitionSubstitutions: substitutions,
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
      encryptionConfiguration: new CustomerManagedEncryptionConfiguration(props.encryptionKey),
    });
    if (stateMachineName) grantDistributedMapRuns(this.stateMachine.role, stateMachineName);
    Validations.of(this.stateMachine.role).acknowledge({
      id: 'HIPAA.Security-IAMNoInlinePolicy',
      reason: ONE_ROLE_ONE_POLICY_REASON,
    });
    acknowledgeServiceWildcards(
      this.stateMachine.role,
      [...XRAY_ACTIONS, ...LOG_DELIVERY_ACTIONS],
      `${XRAY_WILDCARD_REASON} Likewise the CloudWatch Logs delivery actions that Step Functions logging requires (vended log deliveries have no resource-level permissions).`,
    );
  }

  grantStartExecution(grantee: IGrantable): Grant {
    return this.stateMachine.grantStartExecution(grantee);
  }

  grantTaskResponse(grantee: IGrantable): Grant {
    return this.stateMachine.grantTaskResponse(grantee);
  }

  grantRead(grantee: IGrantable): Grant {
    return this.stateMachine.grantRead(grantee);
  }
}

/**
 * Fails synthesis early, naming the file, when the definition is not JSON, is not JSONata, or
 * uses a placeholder nobody supplies (CloudFormation would reject it only at deploy time).
 */
function checkDefinition(
  file: string,
  text: string,
  substitutions: Readonly<Record<string, string>>,
): { used: readonly string[]; definition: Record<string, unknown> } {
  let definition: Record<string, unknown>;
  try {
    definition = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new WorkflowDefinitionError(`${file} is not valid JSON`, { cause: error });
  }
  if (definition.QueryLanguage !== 'JSONata') {
    throw new WorkflowDefinitionError(`${file} must declare "QueryLanguage": "JSONata" at the top level`);
  }
  const used = [...new Set([...text.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1] as string))];
  const missing = used.filter((name) => !(name in substitutions));
  if (missing.length > 0) {
    throw new WorkflowDefinitionError(`${file} uses placeholders without a value: ${missing.join(', ')}`);
  }
  return { used, definition };
}
