/**
 * Before/after of a bundling option, in one run: builds a few functions with the esbuild options
 * of infra/constructs/app-function.ts, with the SDK's clients (credential chain reduced to fromEnv)
 * and zod, and with every stand-in of infra/constructs/bundling (BUNDLE_ALIASES, and the zod
 * methods each function leaves out), and times a
 * fresh Node process importing each, interleaved. `npx tsx bench/bundle-variants.ts [runs]`
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { BUNDLE_ALIASES } from '../infra/constructs/bundling/aliases.ts';
import { zodMethodDrops } from '../infra/constructs/bundling/zod-methods.ts';
import { bundleBuildOptions, coldImportMs } from './lib/bundle-build.ts';
import { kilobytes, renderTable } from './lib/markdown.ts';
import { median, significant } from './lib/stats.ts';

const rootDir = fileURLToPath(new URL('../', import.meta.url));
const runs = Number(process.argv[2] ?? 9);
const ENTRIES = [
  'intake/register-household.ts',
  'households/get-household.ts',
  'intake/screen-household.ts',
  'allocations/issue-voucher.ts',
  'gbv/open-gbv-case.ts',
  'uploads/create-upload.ts',
  'bulk-intake/register-rows.ts',
  'documents/create-upload-url.ts',
];
const SDK_ONLY = {
  '@aws-sdk/credential-provider-node': BUNDLE_ALIASES['@aws-sdk/credential-provider-node']!,
};
const VARIANTS = { 'SDK and zod': SDK_ONLY, 'stand-ins': BUNDLE_ALIASES } as const;

const scratch = mkdtempSync(join(tmpdir(), 'bench-variants-'));
const built: { entry: string; variant: string; path: string; bytes: number; samples: number[] }[] = [];
for (const entry of ENTRIES) {
  for (const [variant, alias] of Object.entries(VARIANTS)) {
    const path = join(scratch, `${entry.replaceAll('/', '-')}-${variant.replaceAll(' ', '-')}.mjs`);
    const entryPath = join(rootDir, 'functions', entry);
    await esbuild.build({
      entryPoints: [entryPath],
      ...bundleBuildOptions,
      outfile: path,
      alias,
      define: alias === BUNDLE_ALIASES ? zodMethodDrops(entryPath) : {},
    });
    built.push({ entry, variant, path, bytes: statSync(path).size, samples: [] });
  }
}
for (let round = 0; round < runs; round++) {
  for (const subject of built) {
    subject.samples.push(await coldImportMs(subject.path, `${subject.entry} (${subject.variant})`));
  }
}
rmSync(scratch, { recursive: true, force: true });
console.log(
  renderTable({
    title: 'variants',
    headers: ['function', 'SDK and zod KB', 'stand-ins KB', 'SDK and zod ms', 'stand-ins ms', 'time ratio'],
    rows: ENTRIES.map((entry) => {
      const [before, after] = built.filter((b) => b.entry === entry);
      return [
        entry,
        kilobytes(before!.bytes),
        kilobytes(after!.bytes),
        significant(median(before!.samples)),
        significant(median(after!.samples)),
        significant(median(after!.samples) / median(before!.samples), 2),
      ];
    }),
  }),
);
console.log(`median of ${runs} fresh processes each (spawn to exit), interleaved`);
