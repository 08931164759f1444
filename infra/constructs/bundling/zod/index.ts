/**
 * Stands in for `zod` (classic) in the Lambda bundles (an esbuild alias set by AppFunction; the
 * type checker, unit tests and local tools keep the real package). The schemas in functions/ keep
 * zod's readable method chains; this module gives them to zod's smaller build, `zod/mini`, whose
 * core (parsing, checks, issues, locales, registries) is the same code classic runs.
 *
 * Why: classic attaches every method to every schema, so a bundle that uses ten of them carries
 * all of them and the JSON Schema generator: ≈ 92 KB of each function, against ≈ 20 KB for the
 * same schemas on `zod/mini` (bench/bundle-pieces.ts), in a 128 KB budget (issue 11).
 *
 * How: mini copies the methods of a schema class's prototype onto each instance it builds ("support
 * prototype modifications" in zod's core), so the methods below are classic's own one-liners
 * installed on mini's classes. Only the methods the functions use exist: a schema that calls
 * another one fails at import (schemas are built at module load), in the bundle tests and the
 * integration tests, never silently. test/unit/bundling/zod-classic.test.ts parses the app's
 * schemas with both builds and compares.
 */
// A relative path, not `zod/mini`: the alias that points `zod` here also rewrites its subpaths.

import { issue as makeIssue } from '../../../../node_modules/zod/v4/core/util.js';
import en from '../../../../node_modules/zod/v4/locales/en.js';
import * as mini from '../../../../node_modules/zod/v4/mini/index.js';

// Classic sets English messages as the default; the functions choose theirs per request anyway.
mini.config(en());

// biome-ignore lint/suspicious/noExplicitAny: zod's own classic methods, untyped as in its JS build.
type Schema = any;
type Method = (this: Schema, ...args: Schema[]) => Schema;

function install(target: { prototype: object }, methods: Record<string, Method>): void {
  Object.assign(target.prototype, methods);
}

/**
 * Classic's transform hands its function a context with `addIssue` (zod/v4/classic/schemas.js,
 * ZodTransform); mini's passes the bare payload. Same issue shaping as classic.
 */
function classicTransform(transform: Method): Schema {
  const schema: Schema = mini.transform((value: unknown, payload: Schema) => {
    payload.addIssue = (issue: Schema) => {
      if (typeof issue === 'string') {
        payload.issues.push(makeIssue(issue, payload.value, schema._zod.def));
        return;
      }
      if (issue.fatal) issue.continue = false;
      issue.code ??= 'custom';
      if (!('input' in issue)) issue.input = payload.value;
      issue.inst ??= schema;
      payload.issues.push(makeIssue(issue));
    };
    return transform(value, payload);
  });
  return schema;
}

// Every schema: classic's ZodType methods (zod/v4/classic/schemas.js).
install(mini.ZodMiniType, {
  refine(check, params) {
    return this.check(mini.refine(check, params));
  },
  superRefine(refinement, params) {
    return this.check(mini.superRefine(refinement, params));
  },
  optional() {
    return mini.optional(this);
  },
  nullable() {
    return mini.nullable(this);
  },
  nullish() {
    return mini.optional(mini.nullable(this));
  },
  array() {
    return mini.array(this);
  },
  or(other) {
    return mini.union([this, other]);
  },
  transform(transform) {
    return mini.pipe(this, classicTransform(transform));
  },
  default(value) {
    return mini._default(this, value);
  },
  pipe(target) {
    return mini.pipe(this, target);
  },
  describe(description) {
    const clone = this.clone();
    mini.globalRegistry.add(clone, { description });
    return clone;
  },
  meta(...args) {
    if (args.length === 0) return mini.globalRegistry.get(this);
    const clone = this.clone();
    mini.globalRegistry.add(clone, args[0]);
    return clone;
  },
});

install(mini.ZodMiniString, {
  regex(...args) {
    return this.check(mini.regex(...(args as [RegExp])));
  },
  includes(...args) {
    return this.check(mini.includes(...(args as [string])));
  },
  startsWith(...args) {
    return this.check(mini.startsWith(...(args as [string])));
  },
  endsWith(...args) {
    return this.check(mini.endsWith(...(args as [string])));
  },
  min(...args) {
    return this.check(mini.minLength(...(args as [number])));
  },
  max(...args) {
    return this.check(mini.maxLength(...(args as [number])));
  },
  length(...args) {
    return this.check(mini.length(...(args as [number])));
  },
  nonempty(...args) {
    return this.check(mini.minLength(1, ...args));
  },
  trim() {
    return this.check(mini.trim());
  },
  toLowerCase() {
    return this.check(mini.toLowerCase());
  },
  toUpperCase() {
    return this.check(mini.toUpperCase());
  },
});

install(mini.ZodMiniNumber, {
  gt(value, params) {
    return this.check(mini.gt(value, params));
  },
  gte(value, params) {
    return this.check(mini.gte(value, params));
  },
  min(value, params) {
    return this.check(mini.gte(value, params));
  },
  lt(value, params) {
    return this.check(mini.lt(value, params));
  },
  lte(value, params) {
    return this.check(mini.lte(value, params));
  },
  max(value, params) {
    return this.check(mini.lte(value, params));
  },
  int(params) {
    return this.check(mini.int(params));
  },
  positive(params) {
    return this.check(mini.gt(0, params));
  },
  nonnegative(params) {
    return this.check(mini.gte(0, params));
  },
  negative(params) {
    return this.check(mini.lt(0, params));
  },
  multipleOf(value, params) {
    return this.check(mini.multipleOf(value, params));
  },
});

install(mini.ZodMiniArray, {
  min(size, params) {
    return this.check(mini.minLength(size, params));
  },
  max(size, params) {
    return this.check(mini.maxLength(size, params));
  },
  length(size, params) {
    return this.check(mini.length(size, params));
  },
  nonempty(params) {
    return this.check(mini.minLength(1, params));
  },
});

install(mini.ZodMiniObject, {
  catchall(catchall) {
    return mini.catchall(this, catchall);
  },
  strict() {
    return mini.catchall(this, mini.never());
  },
  passthrough() {
    return mini.catchall(this, mini.unknown());
  },
  extend(shape) {
    return mini.extend(this, shape);
  },
});

/** Classic's names for the classes the functions may name at run time. */
export {
  $ZodError as ZodError,
  $ZodRealError as ZodRealError,
} from '../../../../node_modules/zod/v4/core/index.js';
export * from '../../../../node_modules/zod/v4/mini/index.js';
export {
  ZodMiniArray as ZodArray,
  ZodMiniEnum as ZodEnum,
  ZodMiniNumber as ZodNumber,
  ZodMiniObject as ZodObject,
  ZodMiniString as ZodString,
  ZodMiniType as ZodType,
} from '../../../../node_modules/zod/v4/mini/index.js';
