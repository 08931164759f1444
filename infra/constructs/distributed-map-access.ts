import { ArnFormat, Stack } from 'aws-cdk-lib';
import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { acknowledgeWildcardResources } from './nag-acknowledgments.ts';

interface StateJson {
  Type?: unknown;
  ItemProcessor?: { ProcessorConfig?: { Mode?: unknown }; States?: Record<string, StateJson> };
  Iterator?: { ProcessorConfig?: { Mode?: unknown }; States?: Record<string, StateJson> };
  Branches?: { States?: Record<string, StateJson> }[];
}

/**
 * Whether a definition has a Map state in DISTRIBUTED mode anywhere: at the top, inside a
 * Parallel branch or inside another Map's processor.
 */
export function hasDistributedMap(definition: { States?: Record<string, StateJson> }): boolean {
  return Object.values(definition.States ?? {}).some((state) => {
    const processor = state.ItemProcessor ?? state.Iterator;
    if (state.Type === 'Map' && processor?.ProcessorConfig?.Mode === 'DISTRIBUTED') return true;
    if (processor && hasDistributedMap(processor)) return true;
    return (state.Branches ?? []).some((branch) => hasDistributedMap(branch));
  });
}

/** Actions Step Functions takes, under the state machine's role, on the child executions of a Map Run. */
export const MAP_RUN_CHILD_ACTIONS = [
  'states:DescribeExecution',
  'states:RedriveExecution',
  'states:StopExecution',
] as const;

/**
 * What a Distributed Map needs from its state machine's role on AWS (Step Functions guide, "IAM
 * policies for using Distributed Map states"): start executions of its own state machine (each
 * batch is a child execution), and describe, stop and, when the parent is redriven, redrive those
 * children, `execution:<name>/<map run label>:<id>`. The ARNs are built from the fixed name, not
 * from the state machine's `Ref`: the state machine depends on its role's policy, so a `Ref` here
 * would be a cycle.
 *
 * Not granted: `DescribeMapRun`, `ListMapRuns` and `UpdateMapRun`, which operators call, never
 * the state machine itself.
 */
export function grantDistributedMapRuns(role: IRole, stateMachineName: string): void {
  const stack = Stack.of(role);
  const arn = (resource: string, resourceName: string) =>
    stack.formatArn({ service: 'states', resource, resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['states:StartExecution'],
      resources: [arn('stateMachine', stateMachineName)],
    }),
  );
  const children = new PolicyStatement({
    actions: [...MAP_RUN_CHILD_ACTIONS],
    resources: [arn('execution', `${stateMachineName}/*`)],
  });
  role.addToPrincipalPolicy(children);
  acknowledgeWildcardResources(
    role,
    children,
    'Distributed Map child executions are named at run time (`<state machine>/<map run label>:<id>`); the wildcard covers only the child executions of this state machine, never its own top-level executions nor any other state machine.',
  );
}
