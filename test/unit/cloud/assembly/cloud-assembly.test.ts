import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssemblyNotFoundError, readCloudAssembly } from '../../../../local/cloud/assembly/cloud-assembly.ts';

function write(path: string, value: unknown) {
  writeFileSync(path, JSON.stringify(value));
}

describe('readCloudAssembly', () => {
  it('reads stacks, nested stage assemblies, asset locations and the stacks’ region', () => {
    const dir = mkdtempSync(join(tmpdir(), 'assembly-test-'));
    mkdirSync(join(dir, 'assembly-Prod'));
    write(join(dir, 'manifest.json'), {
      artifacts: {
        'Data.assets': { type: 'cdk:asset-manifest', properties: { file: 'Data.assets.json' } },
        Data: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://unknown-account/eu-west-3',
          properties: { templateFile: 'Data.template.json' },
        },
        Prod: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod' } },
      },
    });
    write(join(dir, 'Data.template.json'), { Resources: { T: { Type: 'AWS::DynamoDB::Table' } } });
    write(join(dir, 'Data.assets.json'), {
      files: { abc: { source: { path: 'asset.abc' }, destinations: { d: { objectKey: 'abc.zip' } } } },
    });
    write(join(dir, 'assembly-Prod', 'manifest.json'), {
      artifacts: {
        'Prod-Api': {
          type: 'aws:cloudformation:stack',
          properties: { templateFile: 'Api.template.json', stackName: 'Prod-Api' },
        },
      },
    });
    write(join(dir, 'assembly-Prod', 'Api.template.json'), { Resources: {} });

    const assembly = readCloudAssembly(dir);
    expect(assembly.stacks.map((s) => s.stackName)).toEqual(['Data', 'Prod-Api']);
    expect(assembly.assets.get('abc.zip')).toBe(join(dir, 'asset.abc'));
    expect(assembly.region).toBe('eu-west-3');
  });

  it('says to synthesize when there is no manifest', () => {
    expect(() => readCloudAssembly(mkdtempSync(join(tmpdir(), 'assembly-test-')))).toThrow(
      AssemblyNotFoundError,
    );
  });
});
