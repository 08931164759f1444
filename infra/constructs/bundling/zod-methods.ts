/**
 * Which of the zod facade's classic methods (./zod/index.ts) a function can do without.
 *
 * The facade installs classic's methods on zod/mini's classes; each one keeps its mini builder and
 * the core classes behind it in the bundle (`.transform` keeps pipes and transforms, `.or` unions,
 * `.extend` object merging), whether the function calls it or not: ≈ 4–8 KB of a staff-path bundle
 * (issue 11). AppFunction defines ZOD_DROP_<name> for every method no source of the function
 * mentions, and esbuild removes it.
 *
 * The sources are every file the function's bundle takes in (one esbuild pass with the bundle's
 * aliases, nothing written), zod and the facade excepted; a method counts as mentioned wherever
 * `.name` appears, called or not, on a schema or not, so the choice errs towards keeping.
 * Schemas are built at module load: a method dropped wrongly fails the bundle's import
 * (`… is not a function`), which the bundles bench and the integration tests do for every function.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { buildSync } from 'esbuild';
import { REPO_ROOT } from '../../paths.ts';
import { BUNDLE_ALIASES } from './aliases.ts';

/** Every method the facade installs (test/unit/bundling/zod-methods.test.ts checks the list against it). */
export const CLASSIC_METHODS = [
  'array',
  'catchall',
  'default',
  'describe',
  'endsWith',
  'extend',
  'gt',
  'gte',
  'includes',
  'int',
  'length',
  'lt',
  'lte',
  'max',
  'meta',
  'min',
  'multipleOf',
  'negative',
  'nonempty',
  'nonnegative',
  'nullable',
  'nullish',
  'optional',
  'or',
  'passthrough',
  'pipe',
  'positive',
  'refine',
  'regex',
  'startsWith',
  'strict',
  'superRefine',
  'toLowerCase',
  'toUpperCase',
  'transform',
  'trim',
] as const;

const ZOD_SOURCES = /(^|\/)node_modules\/zod\/|infra\/constructs\/bundling\/zod\//;

/** The files the bundle of `entry` is made of, as esbuild resolves them with the bundle aliases. */
export function bundleInputs(entry: string): string[] {
  const result = buildSync({
    entryPoints: [entry],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    alias: { ...BUNDLE_ALIASES },
    write: false,
    metafile: true,
    logLevel: 'silent',
    outfile: join(REPO_ROOT, '.zod-methods-scan.mjs'),
  });
  return Object.keys(result.metafile?.inputs ?? {}).map((path) =>
    isAbsolute(path) ? path : join(REPO_ROOT, path),
  );
}

/** The classic methods that no file of the bundle (zod and the facade aside) mentions. */
export function unusedClassicMethods(entry: string): string[] {
  const mentioned = new Set<string>();
  for (const file of bundleInputs(entry)) {
    if (ZOD_SOURCES.test(file) || !/\.[cm]?[jt]s$/.test(file)) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/\.\s*([A-Za-z_$][\w$]*)/g))
      mentioned.add(match[1]!);
  }
  return CLASSIC_METHODS.filter((method) => !mentioned.has(method));
}

const dropsByEntry = new Map<string, Record<string, string>>();

/** esbuild `define`s that drop those methods from the bundle of `entry` (worked out once per process). */
export function zodMethodDrops(entry: string): Record<string, string> {
  let drops = dropsByEntry.get(entry);
  if (!drops) {
    drops = Object.fromEntries(unusedClassicMethods(entry).map((method) => [`ZOD_DROP_${method}`, 'true']));
    dropsByEntry.set(entry, drops);
  }
  return drops;
}
