import { pathToFileURL } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { BUNDLE_ESBUILD } from '../../infra/constructs/bundling/esbuild-settings.ts';
import { spawnTimed } from './spawn-timed.ts';

/** esbuild options of the Lambda bundles (AppFunction's), for benches that build bundles of their own. */
export const bundleBuildOptions: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: BUNDLE_ESBUILD.target,
  mainFields: [...BUNDLE_ESBUILD.mainFields],
  minify: BUNDLE_ESBUILD.minify,
  keepNames: BUNDLE_ESBUILD.keepNames,
  banner: { js: BUNDLE_ESBUILD.banner },
};

/** Milliseconds from spawn to exit of a fresh Node process that imports the bundle at `path`. */
export async function coldImportMs(path: string, label: string): Promise<number> {
  const run = await spawnTimed(
    process.execPath,
    ['--input-type=module', '-e', 'await import(process.env.BENCH_MODULE);'],
    {
      env: {
        PATH: process.env['PATH'] ?? '',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        BENCH_MODULE: pathToFileURL(path).href,
      },
    },
  );
  if (run.code !== 0) throw new Error(`${label}: ${run.stderr.slice(-300)}`);
  return run.wallMs;
}
