/**
 * The per-function trimming of the zod facade (infra/constructs/bundling/zod-methods.ts): the
 * method list matches what the facade installs, a dropped method is one no source of the bundle
 * names, and every route's bundle, built with its drops, still imports (its schemas are built at
 * module load, so a method dropped wrongly would throw there).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_ALIASES } from '../../../infra/constructs/bundling/aliases.ts';
import { BUNDLE_ESBUILD } from '../../../infra/constructs/bundling/esbuild-settings.ts';
import {
  bundleInputs,
  CLASSIC_METHODS,
  unusedClassicMethods,
  zodMethodDrops,
} from '../../../infra/constructs/bundling/zod-methods.ts';
import { FUNCTIONS_DIR, REPO_ROOT } from '../../../infra/paths.ts';
import { ROUTES } from '../../../infra/routes.ts';

const facade = readFileSync(join(REPO_ROOT, 'infra/constructs/bundling/zod/index.ts'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'zod-methods-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('zod facade methods left out per function', () => {
  it('lists exactly the methods the facade installs, each behind its ZOD_DROP_ switch', () => {
    const switched = [...facade.matchAll(/typeof ZOD_DROP_(\w+) === 'undefined' && \{\s*(\w+)\(/g)];
    expect(switched.length).toBeGreaterThan(0);
    for (const [, flag, method] of switched) expect(method).toBe(flag);
    expect([...new Set(switched.map((match) => match[1]))].sort()).toEqual([...CLASSIC_METHODS].sort());
  });

  it('drops only methods that no file of the bundle names', () => {
    const entry = join(FUNCTIONS_DIR, 'allocations/confirm-allocation.ts');
    const dropped = unusedClassicMethods(entry);
    expect(dropped.length).toBeGreaterThan(0);
    const sources = bundleInputs(entry)
      .filter((file) => file.includes('/functions/'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    for (const method of dropped) expect(sources).not.toMatch(new RegExp(`\\.\\s*${method}\\b`));
    // And one it calls stays: the confirmation body has an optional field.
    expect(dropped).not.toContain('optional');
  });

  const entries = [...new Set(ROUTES.map((route) => route.function))];
  it.each(entries)(
    '%s still imports with its methods left out',
    async (entry) => {
      const path = join(FUNCTIONS_DIR, entry);
      const outfile = join(scratch, `${entry.replace(/\W/g, '_')}.mjs`);
      await build({
        entryPoints: [path],
        absWorkingDir: REPO_ROOT,
        bundle: true,
        platform: 'node',
        format: 'esm',
        ...BUNDLE_ESBUILD,
        mainFields: [...BUNDLE_ESBUILD.mainFields],
        banner: { js: BUNDLE_ESBUILD.banner },
        alias: BUNDLE_ALIASES,
        define: zodMethodDrops(path),
        outfile,
        logLevel: 'silent',
      });
      const probe = `const m = await import(${JSON.stringify(pathToFileURL(outfile).href)}); if (typeof m.handler !== 'function') process.exit(3);`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
        env: { PATH: process.env['PATH'] ?? '', AWS_REGION: 'us-east-1' },
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    },
    30_000,
  );
});
