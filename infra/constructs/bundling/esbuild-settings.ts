/**
 * The esbuild settings of every Lambda bundle (AppFunction), shared with the tests that build
 * bundles as the synth does (test/unit/bundling/error-names.test.ts, zod-methods.test.ts).
 */

// ESM output still meets CommonJS dependencies (parts of the AWS SDK, middy plugins) that call
// require(); esbuild's shim looks for a global `require`, which ESM lacks unless we create it.
const ESM_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export const BUNDLE_ESBUILD = {
  target: 'node24',
  mainFields: ['module', 'main'],
  minify: true,
  // Class and function names are minified ('xg'), so nothing may read them at run time: every
  // error class sets its `name` itself (workflows Retry and Catch by it, handlers compare it, logs
  // show it), which test/unit/bundling/error-names.test.ts checks. keepNames cost ≈ 10 KB a bundle.
  keepNames: false,
  banner: ESM_REQUIRE_BANNER,
} as const;
