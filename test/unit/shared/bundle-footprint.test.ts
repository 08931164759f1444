import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** Bytes each group of inputs contributes to the minified bundle, as Lambda bundles are built. */
async function footprint(entry: string): Promise<Record<string, number>> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = Object.values((result.metafile as Metafile).outputs);
  const groups: Record<string, number> = {};
  for (const [path, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const group = path.includes('node_modules/')
      ? (path.split('node_modules/').at(-1) ?? '')
          .split('/')
          .slice(0, path.includes('node_modules/@') ? 2 : 1)
          .join('/')
      : path.split('/').slice(0, 2).join('/');
    groups[group] = (groups[group] ?? 0) + bytesInOutput;
  }
  return groups;
}

describe('shared plumbing bundle footprint', () => {
  it('keeps a route without idempotency free of heavy modules and under 64 KB of its own', async () => {
    const groups = await footprint('./fixtures/bare-route.ts');
    const modules = Object.keys(groups);
    for (const heavy of [
      '@aws-lambda-powertools/idempotency',
      '@aws-lambda-powertools/jmespath',
      '@aws-lambda-powertools/tracer',
      'aws-xray-sdk-core',
      '@aws-sdk/client-dynamodb',
    ]) {
      expect(modules).not.toContain(heavy);
    }
    const own = [
      'functions/shared',
      '@middy/core',
      '@middy/http-header-normalizer',
      '@aws-lambda-powertools/logger',
      '@aws-lambda-powertools/commons',
    ]
      .map((group) => groups[group] ?? 0)
      .reduce((sum, bytes) => sum + bytes, 0);
    expect(own).toBeGreaterThan(10_000);
    expect(own).toBeLessThan(64 * 1024);
  }, 30_000);
});
