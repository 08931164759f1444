import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { PartnerUploadRoles } from '#infra/constructs/partner-upload-roles.ts';
import { enforceNag } from '#infra/nag.ts';

const partners = (
  JSON.parse(readFileSync(new URL('../../../config/partners.json', import.meta.url), 'utf8')) as {
    partners: { partnerId: string; uploads?: boolean }[];
  }
).partners;

function stackWith(list = partners) {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'PartnerRolesTest', { env: { account: '111122223333', region: 'eu-west-3' } });
  const key = new Key(stack, 'Key', { enableKeyRotation: true });
  const bucket = new Bucket(stack, 'Uploads', { encryption: BucketEncryption.KMS, encryptionKey: key });
  const roles = new PartnerUploadRoles(stack, 'Partners', { bucket, encryptionKey: key, partners: list });
  return { stack, roles, template: Template.fromStack(stack) };
}

/** The policy document of the role created for a partner. */
function policyOf(template: Template, partnerId: string) {
  const roles = template.findResources('AWS::IAM::Role', {
    Properties: { Description: Match.stringLikeRegexp(`Partner ${partnerId}:`) },
  });
  const [roleId] = Object.keys(roles);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
    JSON.stringify(policy.Properties.Roles).includes(roleId!),
  );
  expect(policies).toHaveLength(1);
  return JSON.stringify(policies[0]!.Properties.PolicyDocument);
}

describe('PartnerUploadRoles', () => {
  const { template, roles } = stackWith();

  it('creates one role per uploading partner of config/partners.json', () => {
    const uploading = partners
      .filter((partner) => partner.uploads !== false)
      .map((partner) => partner.partnerId);
    expect([...roles.roles.keys()]).toEqual(uploading);
    template.resourceCountIs('AWS::IAM::Role', uploading.length);
  });

  it('lets each partner put, read and list under its own prefix only', () => {
    for (const { partnerId } of partners) {
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Action: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'],
              Resource: {
                'Fn::Join': [
                  '',
                  [Match.objectLike({ 'Fn::GetAtt': Match.anyValue() }), `/uploads/${partnerId}/*`],
                ],
              },
            }),
            Match.objectLike({
              Effect: 'Allow',
              Action: 's3:ListBucket',
              Condition: { StringLike: { 's3:prefix': [`uploads/${partnerId}/*`] } },
            }),
            Match.objectLike({ Effect: 'Deny', Action: 's3:*' }),
          ]),
        },
      });
    }
  });

  it('never names another partner’s prefix in a partner’s policy', () => {
    for (const { partnerId } of partners) {
      const document = policyOf(template, partnerId);
      for (const other of partners.filter((partner) => partner.partnerId !== partnerId))
        expect(document).not.toContain(`uploads/${other.partnerId}/`);
      // Everything outside its own prefix is denied, whatever else is attached later.
      expect(document).toMatch(new RegExp(`"Effect":"Deny","NotResource":\\[.*uploads/${partnerId}/\\*`));
    }
  });

  it('gives no role to a partner without uploads and refuses an id that could escape its prefix', () => {
    expect([
      ...stackWith([{ partnerId: 'A', uploads: false }, { partnerId: 'B' }]).roles.roles.keys(),
    ]).toEqual(['B']);
    expect(() => stackWith([{ partnerId: '../x' }])).toThrow('Invalid partnerId');
  });

  it('leaves cdk-nag (AwsSolutions and HIPAA) nothing to report on the roles', { timeout: 60_000 }, () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'NagTest', { env: { account: '111122223333', region: 'eu-west-3' } });
    const key = new Key(stack, 'Key', { enableKeyRotation: true });
    const bucket = new Bucket(stack, 'Uploads', { encryption: BucketEncryption.KMS, encryptionKey: key });
    new PartnerUploadRoles(stack, 'Partners', {
      bucket,
      encryptionKey: key,
      partners: [{ partnerId: 'FeDe' }],
    });
    enforceNag(app);
    let findings = '';
    try {
      app.synth();
    } catch (error) {
      // The bare test bucket has findings of its own (access logs, TLS); only the roles matter here.
      findings = String(error);
    }
    expect(findings).not.toMatch(/Partners\/Partner-FeDe/);
  });
});
