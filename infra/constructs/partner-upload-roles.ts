import { Duration, Validations } from 'aws-cdk-lib';
import { AccountRootPrincipal, Effect, type IPrincipal, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResources } from './nag-acknowledgments.ts';

/** A partner as config/partners.json lists it. */
export interface UploadingPartner {
  readonly partnerId: string;
  /** Partners with `uploads: false` get no role. */
  readonly uploads?: boolean;
}

export interface PartnerUploadRolesProps {
  readonly bucket: IBucket;
  /** The bucket's KMS key: a put under SSE-KMS needs GenerateDataKey on it. */
  readonly encryptionKey?: IKey;
  readonly partners: readonly UploadingPartner[];
  /** Who may assume the roles (default: principals of this account the account allows to). */
  readonly assumedBy?: IPrincipal;
}

const PARTNER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * One IAM role per uploading partner, limited to `uploads/<partnerId>/` of the uploads bucket: put,
 * read back and list its own files, nothing else. An explicit deny on every other key of the
 * bucket keeps it so even if a broader policy is attached to the role later.
 */
export class PartnerUploadRoles extends Construct {
  readonly roles = new Map<string, Role>();

  constructor(scope: Construct, id: string, props: PartnerUploadRolesProps) {
    super(scope, id);
    for (const partner of props.partners) {
      if (partner.uploads === false) continue;
      if (!PARTNER_ID.test(partner.partnerId)) throw new Error(`Invalid partnerId "${partner.partnerId}"`);
      this.roles.set(partner.partnerId, this.createRole(partner.partnerId, props));
    }
  }

  private createRole(partnerId: string, props: PartnerUploadRolesProps): Role {
    const prefix = `uploads/${partnerId}/`;
    const role = new Role(this, `Partner-${partnerId}`, {
      assumedBy: props.assumedBy ?? new AccountRootPrincipal(),
      description: `Partner ${partnerId}: upload beneficiary lists under ${prefix} only`,
      maxSessionDuration: Duration.hours(1),
    });
    const objects = new PolicyStatement({
      actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'],
      resources: [props.bucket.arnForObjects(`${prefix}*`)],
    });
    role.addToPolicy(objects);
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [props.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: ['s3:*'],
        notResources: [props.bucket.arnForObjects(`${prefix}*`), props.bucket.bucketArn],
      }),
    );
    if (props.encryptionKey) {
      role.addToPolicy(
        new PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.encryptionKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${props.bucket.stack.region}.amazonaws.com` } },
        }),
      );
    }
    Validations.of(role).acknowledge(
      {
        id: 'HIPAA.Security-IAMNoInlinePolicy',
        reason:
          'One role per partner with one policy that only this role uses; a managed policy would be shared by nobody.',
      },
      {
        id: 'HIPAA.Security-IAMPolicyNoStatementsWithFullAccess',
        reason: `The only s3:* statement is a Deny on everything outside "${prefix}": it takes access away, it grants none.`,
      },
    );
    acknowledgeWildcardResources(
      role,
      objects,
      `Partners name their files at upload time, so the role may touch any key under its own "${prefix}" prefix and none elsewhere.`,
    );
    return role;
  }
}
