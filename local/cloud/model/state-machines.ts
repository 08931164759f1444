import { readFileSync } from 'node:fs';
import type { CloudAssembly } from '../assembly/cloud-assembly.ts';
import type { Resolver } from '../assembly/intrinsics.ts';
import { resourcesOfType } from './resources.ts';

export interface StateMachineModel {
  logicalId: string;
  stackName: string;
  name: string;
  arn: string;
  roleArn: string;
  type: 'STANDARD' | 'EXPRESS';
  /** The definition as Step Functions receives it, substitutions applied. */
  definition: string;
}

/** Step Functions replaces `${key}` with DefinitionSubstitutions values; keys it does not know stay as written. */
function substitute(definition: string, substitutions: Record<string, unknown>): string {
  return definition.replace(/\$\{([^}]+)\}/g, (whole, key: string) =>
    key in substitutions ? String(substitutions[key]) : whole,
  );
}

/** State machines from `Definition`, `DefinitionString` or `DefinitionS3Location` (CDK's `DefinitionBody.fromFile`). */
export function deriveStateMachines(resolver: Resolver, assembly: CloudAssembly): StateMachineModel[] {
  return resourcesOfType(resolver, 'AWS::StepFunctions::StateMachine').map((found) => {
    const identity = resolver.identity(found.stackName, found.logicalId);
    let definition: string;
    const inline = found.prop<unknown>('Definition');
    const location = found.prop<{ Key: string }>('DefinitionS3Location');
    if (inline !== undefined) definition = JSON.stringify(inline);
    else if (location) {
      const path = assembly.assets.get(location.Key);
      if (!path)
        throw new Error(`State machine ${found.logicalId}: no synthesized asset for ${location.Key}`);
      definition = readFileSync(path, 'utf8');
    } else definition = String(found.prop<string>('DefinitionString') ?? '{}');
    definition = substitute(definition, found.prop<Record<string, unknown>>('DefinitionSubstitutions') ?? {});
    return {
      logicalId: found.logicalId,
      stackName: found.stackName,
      name: identity.attrs.Name!,
      arn: identity.ref,
      roleArn: found.prop<string>('RoleArn') ?? `arn:aws:iam::${resolver.settings.account}:role/local`,
      type: found.prop<'STANDARD' | 'EXPRESS'>('StateMachineType') ?? 'STANDARD',
      definition,
    };
  });
}
