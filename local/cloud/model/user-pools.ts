import type { Resolver } from '../assembly/intrinsics.ts';
import { resourcesOfType } from './resources.ts';

export interface UserPoolModel {
  logicalId: string;
  stackName: string;
  userPoolId: string;
  /** The issuer URL tokens of this pool carry on AWS (`https://cognito-idp.<region>.amazonaws.com/<id>`). */
  cloudIssuer: string;
  clientIds: string[];
  groups: string[];
}

/** Cognito user pools with their app clients and groups; the local identity provider stands in for them. */
export function deriveUserPools(resolver: Resolver): UserPoolModel[] {
  const clients = resourcesOfType(resolver, 'AWS::Cognito::UserPoolClient');
  const groups = resourcesOfType(resolver, 'AWS::Cognito::UserPoolGroup');
  return resourcesOfType(resolver, 'AWS::Cognito::UserPool').map((found) => {
    const identity = resolver.identity(found.stackName, found.logicalId);
    return {
      logicalId: found.logicalId,
      stackName: found.stackName,
      userPoolId: identity.ref,
      cloudIssuer: identity.attrs.ProviderURL!,
      clientIds: clients
        .filter((c) => c.prop('UserPoolId') === identity.ref)
        .map((c) => resolver.identity(c.stackName, c.logicalId).ref),
      groups: groups
        .filter((g) => g.prop('UserPoolId') === identity.ref)
        .map((g) => g.prop<string>('GroupName') ?? g.logicalId),
    };
  });
}
