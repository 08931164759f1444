import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCaseworkApp } from '#infra/casework-app.ts';
import { AppFunction } from '#infra/constructs/app-function.ts';
import { bindBucket } from '#infra/constructs/binders.ts';
import { enforceNag } from '#infra/nag.ts';
import { REPO_ROOT } from '#infra/paths.ts';

const ECHO = fileURLToPath(new URL('./fixtures/echo-handler.ts', import.meta.url));

// Templates only: skip bundling the functions (an empty list of stacks to bundle) and CDK's
// built-in CloudFormation schema check, which only ever warns; both cost seconds per app.
// app-function.test.ts checks real bundles.
const FAST = { builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } };

function nagApp(options?: { hipaa?: boolean }) {
  const app = new App(FAST);
  const stack = new Stack(app, 'NagTest');
  enforceNag(app, options);
  return { app, stack };
}

// Each case synthesizes an app in-process; the first one also pays for loading aws-cdk-lib.
describe('enforceNag', { timeout: 60_000 }, () => {
  it('fails synthesis on an unacknowledged error-level finding', () => {
    const { app, stack } = nagApp();
    new Bucket(stack, 'Plain');
    expect(() => app.synth()).toThrow(/AwsSolutions-S1/);
  });

  it('fails synthesis on an unacknowledged warning-level finding too', () => {
    const { app, stack } = nagApp({ hipaa: false });
    // Point-in-time recovery off is a WARN-level AwsSolutions rule (DDB3), the only finding here.
    new Table(stack, 'NoPitr', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3/);
  });

  it('lets synthesis pass once the finding is acknowledged with a reason', () => {
    const { app, stack } = nagApp({ hipaa: false });
    const table = new Table(stack, 'NoPitr', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    Validations.of(table).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason: 'Scratch table rebuilt from the registry.',
    });
    expect(() => app.synth()).not.toThrow();
  });

  it('also runs the HIPAA Security pack', () => {
    const { app, stack } = nagApp();
    const table = new Table(stack, 'NoPitr', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    Validations.of(table).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason: 'Scratch table rebuilt from the registry.',
    });
    expect(() => app.synth()).toThrow(/HIPAA\.Security-DynamoDBPITREnabled/);
  });

  it('fails on a wildcard grant made by hand, but not on the one bindBucket acknowledges', () => {
    const build = (grant: 'binder' | 'by hand') => {
      const { app, stack } = nagApp({ hipaa: false });
      const bucket = new Bucket(stack, 'Data', {
        encryptionKey: new Key(stack, 'Key', { enableKeyRotation: true }),
      });
      Validations.of(bucket).acknowledge(
        { id: 'AwsSolutions-S1', reason: 'Test bucket: access logging is out of scope here.' },
        { id: 'AwsSolutions-S10', reason: 'Test bucket: the TLS policy is out of scope here.' },
      );
      const fn = new AppFunction(stack, 'Fn', { entry: ECHO });
      if (grant === 'binder') {
        bindBucket(fn, { bucket, access: 'read', envName: 'DATA_BUCKET', prefix: 'in/' });
      } else {
        fn.role.addToPrincipalPolicy(
          new PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('in/*')] }),
        );
      }
      return app;
    };
    expect(() => build('by hand').synth()).toThrow(
      /AwsSolutions-IAM5\[Resource::<Data[0-9A-F]+\.Arn>\/in\/\*\]/,
    );
    expect(() => build('binder').synth()).not.toThrow();
  });

  it('still reports a wildcard resource a function role gets beyond X-Ray', () => {
    const { app, stack } = nagApp({ hipaa: false });
    const fn = new AppFunction(stack, 'Fn', { entry: ECHO });
    fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: ['*'] }));
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
  });

  it('makes `cdk synth` exit non-zero when a finding is not acknowledged', async () => {
    const out = mkdtempSync(join(tmpdir(), 'nag-cli-'));
    const bin = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);
    const app = `${bin('tsx')} ${fileURLToPath(new URL('./fixtures/unacknowledged-app.ts', import.meta.url))}`;
    // No notices, telemetry or instance-metadata lookups: unit tests stay off the network.
    const run = promisify(execFile)(
      bin('cdk'),
      ['synth', '--quiet', '--no-notices', '--app', app, '--output', out],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          CDK_DISABLE_CLI_TELEMETRY: 'true',
          AWS_EC2_METADATA_DISABLED: 'true',
          CDK_VALIDATION: 'false',
        },
      },
    );
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/AwsSolutions-S1/) });
  }, 120_000);
});

describe('acknowledgments in the application', () => {
  type Ack = { id: string; reason: string };
  let acks: Map<string, Ack[]>;

  // Synthesis bundles the functions; allow for a loaded machine.
  beforeAll(() => {
    const { app } = createCaseworkApp(FAST);
    const assembly = app.synth();
    acks = new Map();
    for (const stack of assembly.stacks) {
      const template = JSON.parse(readFileSync(stack.templateFullPath, 'utf8')) as {
        Resources: Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress: Ack[] } } }>;
      };
      for (const [logicalId, resource] of Object.entries(template.Resources)) {
        const rules = resource.Metadata?.cdk_nag?.rules_to_suppress;
        if (rules) acks.set(`${stack.stackName}/${logicalId}`, rules);
      }
    }
  }, 120_000);

  it('gives every acknowledgment a reason of at least one sentence', () => {
    const all = [...acks.values()].flat();
    expect(all.length).toBeGreaterThan(10);
    for (const ack of all) expect(ack.reason.length, ack.id).toBeGreaterThanOrEqual(40);
  });

  it('acknowledges on the resources concerned, not on whole stacks', () => {
    const idsOn = (prefix: string) =>
      [...acks.entries()]
        .filter(([resource]) => resource.startsWith(prefix))
        .flatMap(([, rules]) => rules.map((r) => r.id));
    expect(idsOn('CaseworkData/AccessLogsBucket')).toContain('AwsSolutions-S1');
    expect(idsOn('CaseworkData/UploadsBucket')).not.toContain('AwsSolutions-S1');
    expect(idsOn('CaseworkService/ApiHttpApiGEThealth')).toContain('AwsSolutions-APIG4');
    expect(idsOn('CaseworkService/FnHealthGetHealthRole')).toContain('AwsSolutions-IAM5[Resource::*]');
    expect(idsOn('CaseworkData/RegistryTable')).toEqual([]);
  });
});
