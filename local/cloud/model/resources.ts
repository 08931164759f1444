import type { TemplateResource } from '../assembly/cloud-assembly.ts';
import type { Resolver } from '../assembly/intrinsics.ts';

export interface FoundResource {
  stackName: string;
  logicalId: string;
  resource: TemplateResource;
  /** Resolves one property of this resource (intrinsics → local values). */
  prop<T = unknown>(name: string): T | undefined;
}

/** Every resource of the given CloudFormation types, across all stacks, whose condition holds. */
export function resourcesOfType(resolver: Resolver, ...types: string[]): FoundResource[] {
  const found: FoundResource[] = [];
  for (const stack of resolver.stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      if (!types.includes(resource.Type)) continue;
      if (resource.Condition && !resolver.resolve(stack.stackName, { Condition: resource.Condition }))
        continue;
      found.push({
        stackName: stack.stackName,
        logicalId,
        resource,
        prop: <T>(name: string) => {
          const raw = resource.Properties?.[name];
          return (raw === undefined ? undefined : resolver.resolve(stack.stackName, raw)) as T | undefined;
        },
      });
    }
  }
  return found;
}
