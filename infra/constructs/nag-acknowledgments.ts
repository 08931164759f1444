import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type { IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
// cdk-nag renders intrinsic references this way in its finding ids; using the same function
// keeps our acknowledgments identical to the findings they answer.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';

interface StatementJson {
  Effect?: string;
  Action?: string | string[];
  Resource?: unknown;
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * Acknowledges `AwsSolutions-IAM5[Resource::*]` on a role only while every `Resource: "*"`
 * statement of its default policy grants actions from `allowed` (services without resource-level
 * permissions, such as X-Ray). A later grant of anything else on `*` is still reported.
 *
 * Decided during construct validation, once every grant has been added.
 */
export function acknowledgeServiceWildcards(role: IRole, allowed: readonly string[], reason: string): void {
  role.node.addValidation({
    validate: () => {
      const policy = role.node.tryFindChild('DefaultPolicy') as { document?: unknown } | undefined;
      const document = policy?.document
        ? (Stack.of(role).resolve(policy.document) as { Statement?: StatementJson[] })
        : {};
      const onEverything = (document.Statement ?? []).filter(
        (statement) => statement.Effect === 'Allow' && asArray(statement.Resource).includes('*'),
      );
      const onlyAllowed = onEverything.every((statement) =>
        asArray(statement.Action).every((action) => allowed.includes(action)),
      );
      if (onEverything.length > 0 && onlyAllowed) acknowledge(role, 'AwsSolutions-IAM5[Resource::*]', reason);
      return [];
    },
  });
}

/**
 * Acknowledges, on the role, exactly the wildcard resources of one statement. The finding id
 * embeds the resolved reference (a cross-stack import once the app is prepared), so it is
 * computed during construct validation, which runs after references are resolved and before
 * cdk-nag reads acknowledgments.
 */
export function acknowledgeWildcardResources(role: IRole, statement: PolicyStatement, reason: string): void {
  role.node.addValidation({
    validate: () => {
      const resolved = Stack.of(role).resolve(statement.toStatementJson()) as StatementJson;
      for (const resource of asArray(resolved.Resource)) {
        const flat = flattenCfnReference(resource);
        if (flat.includes('*')) acknowledge(role, `AwsSolutions-IAM5[Resource::${flat}]`, reason);
      }
      return [];
    },
  });
}

/**
 * Records the acknowledgment for cdk-nag and, because cdk-nag copies acknowledgments into the
 * template before construct validation runs, also into the `cdk_nag` metadata of the role's
 * resources, so the template keeps the same audit trail as for acknowledgments made up front.
 */
function acknowledge(role: IRole, id: string, reason: string): void {
  Validations.of(role).acknowledge({ id, reason });
  for (const child of role.node.findAll()) {
    if (!CfnResource.isCfnResource(child)) continue;
    const existing = child.getMetadata('cdk_nag') as { rules_to_suppress?: { id: string }[] } | undefined;
    const rules = (existing?.rules_to_suppress ?? []).filter((rule) => rule.id !== id);
    child.addMetadata('cdk_nag', { rules_to_suppress: [...rules, { id, reason }] });
  }
}
