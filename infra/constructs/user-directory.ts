import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { PARTNER_ID_ATTRIBUTE, PERMISSION_GROUPS, ROLES } from '../roles.ts';

/**
 * Staff identities: a Cognito user pool with one group per role, the partner organisation as a
 * custom attribute, and a public client for the web console and field tablets (SRP sign-in, no
 * secret). Accounts are created by an operator, never by self sign-up.
 */
export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly groups: readonly CfnUserPoolGroup[];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: true },
      customAttributes: {
        [PARTNER_ID_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Caseworkers reach survivor data: a stolen password alone must not be enough.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Groups beyond the roles grant single permissions, checked in the handlers.
    this.groups = [...ROLES, ...PERMISSION_GROUPS].map(
      (role) =>
        new CfnUserPoolGroup(this, `Group-${role}`, {
          userPoolId: this.userPool.userPoolId,
          groupName: role,
          description: (ROLES as readonly string[]).includes(role)
            ? `Casework role: ${role}`
            : `Permission: ${role}`,
        }),
    );
    this.client = this.userPool.addClient('WebClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      // A user must never change their own organisation: partner scoping rests on it. Only an
      // administrator (AdminUpdateUserAttributes ignores client settings) may set it.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, phoneNumber: true }),
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });
  }
}
