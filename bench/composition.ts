/**
 * What a function's bundle is made of, by package: `npx tsx bench/composition.ts <entry under functions/> [package filter]`.
 * Builds with the same esbuild options as infra/constructs/app-function.ts, its aliases included
 * (without writing anything).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { BUNDLE_ALIASES } from '../infra/constructs/bundling/aliases.ts';
import { zodMethodDrops } from '../infra/constructs/bundling/zod-methods.ts';
import { bundleBuildOptions } from './lib/bundle-build.ts';

const rootDir = fileURLToPath(new URL('../', import.meta.url));
const [entry, filter] = process.argv.slice(2);
if (!entry) {
  console.error('usage: tsx bench/composition.ts <entry under functions/> [package filter]');
  process.exit(2);
}
const entryPath = join(rootDir, 'functions', entry);
const built = await esbuild.build({
  entryPoints: [entryPath],
  ...bundleBuildOptions,
  alias: BUNDLE_ALIASES,
  define: zodMethodDrops(entryPath),
  write: false,
  metafile: true,
  outfile: join(rootDir, '.bench-composition.mjs'),
});
const inputs = Object.values(built.metafile.outputs)[0]?.inputs ?? {};
const sizes = new Map<string, number>();
for (const [file, input] of Object.entries(inputs)) {
  if (filter && !file.includes(filter)) continue;
  const inPackage = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)(\/.*)?/);
  const key = filter
    ? file
        .replace(/.*node_modules\//, '')
        .split('/')
        .slice(0, 5)
        .join('/')
    : inPackage
      ? inPackage[1]!
      : file.split('/').slice(0, 2).join('/');
  sizes.set(key, (sizes.get(key) ?? 0) + input.bytesInOutput);
}
console.log(`${entry}: ${(built.outputFiles[0]!.contents.length / 1024).toFixed(1)} KB`);
for (const [key, bytes] of [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
  console.log(`${(bytes / 1024).toFixed(1).padStart(8)} KB  ${key}`);
}
