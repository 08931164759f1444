import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CloudFormation template as CDK writes it; only the parts the local cloud reads are typed. */
export interface Template {
  Resources?: Record<string, TemplateResource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
  Parameters?: Record<string, { Type: string; Default?: unknown }>;
  Conditions?: Record<string, unknown>;
}

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  Condition?: string;
  DependsOn?: string | string[];
}

export interface AssemblyStack {
  /** The CloudFormation stack name (what `AWS::StackName` resolves to). */
  stackName: string;
  template: Template;
  /** The directory the template lives in; asset paths in its metadata are relative to it. */
  dir: string;
}

export interface CloudAssembly {
  dir: string;
  stacks: AssemblyStack[];
  /** Asset object keys as templates name them (`<hash>.zip`, `<hash>.json`) → their synthesized path. */
  assets: Map<string, string>;
  /** The region of the first stack with a concrete environment (`aws://<account>/<region>`), if any. */
  region?: string;
}

interface ManifestArtifact {
  type: string;
  properties?: { templateFile?: string; stackName?: string; directoryName?: string; file?: string };
  environment?: string;
  displayName?: string;
}

export class AssemblyNotFoundError extends Error {
  constructor(dir: string) {
    super(`No cloud assembly in ${dir} (manifest.json missing): run \`npx cdk synth\` first.`);
    this.name = 'AssemblyNotFoundError';
  }
}

/** Reads `manifest.json` and every stack template, following nested assemblies (CDK stages). */
export function readCloudAssembly(dir: string): CloudAssembly {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new AssemblyNotFoundError(dir);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    artifacts?: Record<string, ManifestArtifact>;
  };
  const stacks: AssemblyStack[] = [];
  const assets = new Map<string, string>();
  let region: string | undefined;
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile) {
      const template = JSON.parse(
        readFileSync(join(dir, artifact.properties.templateFile), 'utf8'),
      ) as Template;
      stacks.push({ stackName: artifact.properties.stackName ?? id, template, dir });
      const stackRegion = artifact.environment?.split('/')[3];
      if (stackRegion && stackRegion !== 'unknown-region') region ??= stackRegion;
    } else if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      const nested = readCloudAssembly(join(dir, artifact.properties.directoryName));
      stacks.push(...nested.stacks);
      region ??= nested.region;
      for (const [key, path] of nested.assets) assets.set(key, path);
    } else if (artifact.type === 'cdk:asset-manifest' && artifact.properties?.file) {
      readAssetManifest(join(dir, artifact.properties.file), dir, assets);
    }
  }
  return { dir, stacks, assets, ...(region ? { region } : {}) };
}

interface AssetManifest {
  files?: Record<string, { source: { path?: string }; destinations: Record<string, { objectKey: string }> }>;
}

function readAssetManifest(file: string, dir: string, into: Map<string, string>): void {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as AssetManifest;
  for (const asset of Object.values(manifest.files ?? {})) {
    if (!asset.source.path) continue;
    for (const destination of Object.values(asset.destinations)) {
      into.set(destination.objectKey, join(dir, asset.source.path));
    }
  }
}
