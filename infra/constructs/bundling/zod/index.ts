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

/*
 * Each method is installed unless the bundle defines ZOD_DROP_<name>: AppFunction defines it for
 * the methods no source of the function names (../zod-methods.ts), and esbuild then drops the
 * method with the mini builders and core classes only it used. Unit tests define nothing.
 */
declare const ZOD_DROP_array: true | undefined;
declare const ZOD_DROP_catchall: true | undefined;
declare const ZOD_DROP_default: true | undefined;
declare const ZOD_DROP_describe: true | undefined;
declare const ZOD_DROP_endsWith: true | undefined;
declare const ZOD_DROP_extend: true | undefined;
declare const ZOD_DROP_gt: true | undefined;
declare const ZOD_DROP_gte: true | undefined;
declare const ZOD_DROP_includes: true | undefined;
declare const ZOD_DROP_int: true | undefined;
declare const ZOD_DROP_length: true | undefined;
declare const ZOD_DROP_lt: true | undefined;
declare const ZOD_DROP_lte: true | undefined;
declare const ZOD_DROP_max: true | undefined;
declare const ZOD_DROP_meta: true | undefined;
declare const ZOD_DROP_min: true | undefined;
declare const ZOD_DROP_multipleOf: true | undefined;
declare const ZOD_DROP_negative: true | undefined;
declare const ZOD_DROP_nonempty: true | undefined;
declare const ZOD_DROP_nonnegative: true | undefined;
declare const ZOD_DROP_nullable: true | undefined;
declare const ZOD_DROP_nullish: true | undefined;
declare const ZOD_DROP_optional: true | undefined;
declare const ZOD_DROP_or: true | undefined;
declare const ZOD_DROP_passthrough: true | undefined;
declare const ZOD_DROP_pipe: true | undefined;
declare const ZOD_DROP_positive: true | undefined;
declare const ZOD_DROP_refine: true | undefined;
declare const ZOD_DROP_regex: true | undefined;
declare const ZOD_DROP_startsWith: true | undefined;
declare const ZOD_DROP_strict: true | undefined;
declare const ZOD_DROP_superRefine: true | undefined;
declare const ZOD_DROP_toLowerCase: true | undefined;
declare const ZOD_DROP_toUpperCase: true | undefined;
declare const ZOD_DROP_transform: true | undefined;
declare const ZOD_DROP_trim: true | undefined;

// Every schema: classic's ZodType methods (zod/v4/classic/schemas.js).
install(mini.ZodMiniType, {
  ...(typeof ZOD_DROP_refine === 'undefined' && {
    refine(check, params) {
      return this.check(mini.refine(check, params));
    },
  }),
  ...(typeof ZOD_DROP_superRefine === 'undefined' && {
    superRefine(refinement, params) {
      return this.check(mini.superRefine(refinement, params));
    },
  }),
  ...(typeof ZOD_DROP_optional === 'undefined' && {
    optional() {
      return mini.optional(this);
    },
  }),
  ...(typeof ZOD_DROP_nullable === 'undefined' && {
    nullable() {
      return mini.nullable(this);
    },
  }),
  ...(typeof ZOD_DROP_nullish === 'undefined' && {
    nullish() {
      return mini.optional(mini.nullable(this));
    },
  }),
  ...(typeof ZOD_DROP_array === 'undefined' && {
    array() {
      return mini.array(this);
    },
  }),
  ...(typeof ZOD_DROP_or === 'undefined' && {
    or(other) {
      return mini.union([this, other]);
    },
  }),
  ...(typeof ZOD_DROP_transform === 'undefined' && {
    transform(transform) {
      return mini.pipe(this, classicTransform(transform));
    },
  }),
  ...(typeof ZOD_DROP_default === 'undefined' && {
    default(value) {
      return mini._default(this, value);
    },
  }),
  ...(typeof ZOD_DROP_pipe === 'undefined' && {
    pipe(target) {
      return mini.pipe(this, target);
    },
  }),
  ...(typeof ZOD_DROP_describe === 'undefined' && {
    describe(description) {
      const clone = this.clone();
      mini.globalRegistry.add(clone, { description });
      return clone;
    },
  }),
  ...(typeof ZOD_DROP_meta === 'undefined' && {
    meta(...args) {
      if (args.length === 0) return mini.globalRegistry.get(this);
      const clone = this.clone();
      mini.globalRegistry.add(clone, args[0]);
      return clone;
    },
  }),
});

install(mini.ZodMiniString, {
  ...(typeof ZOD_DROP_regex === 'undefined' && {
    regex(...args) {
      return this.check(mini.regex(...(args as [RegExp])));
    },
  }),
  ...(typeof ZOD_DROP_includes === 'undefined' && {
    includes(...args) {
      return this.check(mini.includes(...(args as [string])));
    },
  }),
  ...(typeof ZOD_DROP_startsWith === 'undefined' && {
    startsWith(...args) {
      return this.check(mini.startsWith(...(args as [string])));
    },
  }),
  ...(typeof ZOD_DROP_endsWith === 'undefined' && {
    endsWith(...args) {
      return this.check(mini.endsWith(...(args as [string])));
    },
  }),
  ...(typeof ZOD_DROP_min === 'undefined' && {
    min(...args) {
      return this.check(mini.minLength(...(args as [number])));
    },
  }),
  ...(typeof ZOD_DROP_max === 'undefined' && {
    max(...args) {
      return this.check(mini.maxLength(...(args as [number])));
    },
  }),
  ...(typeof ZOD_DROP_length === 'undefined' && {
    length(...args) {
      return this.check(mini.length(...(args as [number])));
    },
  }),
  ...(typeof ZOD_DROP_nonempty === 'undefined' && {
    nonempty(...args) {
      return this.check(mini.minLength(1, ...args));
    },
  }),
  ...(typeof ZOD_DROP_trim === 'undefined' && {
    trim() {
      return this.check(mini.trim());
    },
  }),
  ...(typeof ZOD_DROP_toLowerCase === 'undefined' && {
    toLowerCase() {
      return this.check(mini.toLowerCase());
    },
  }),
  ...(typeof ZOD_DROP_toUpperCase === 'undefined' && {
    toUpperCase() {
      return this.check(mini.toUpperCase());
    },
  }),
});

install(mini.ZodMiniNumber, {
  ...(typeof ZOD_DROP_gt === 'undefined' && {
    gt(value, params) {
      return this.check(mini.gt(value, params));
    },
  }),
  ...(typeof ZOD_DROP_gte === 'undefined' && {
    gte(value, params) {
      return this.check(mini.gte(value, params));
    },
  }),
  ...(typeof ZOD_DROP_min === 'undefined' && {
    min(value, params) {
      return this.check(mini.gte(value, params));
    },
  }),
  ...(typeof ZOD_DROP_lt === 'undefined' && {
    lt(value, params) {
      return this.check(mini.lt(value, params));
    },
  }),
  ...(typeof ZOD_DROP_lte === 'undefined' && {
    lte(value, params) {
      return this.check(mini.lte(value, params));
    },
  }),
  ...(typeof ZOD_DROP_max === 'undefined' && {
    max(value, params) {
      return this.check(mini.lte(value, params));
    },
  }),
  ...(typeof ZOD_DROP_int === 'undefined' && {
    int(params) {
      return this.check(mini.int(params));
    },
  }),
  ...(typeof ZOD_DROP_positive === 'undefined' && {
    positive(params) {
      return this.check(mini.gt(0, params));
    },
  }),
  ...(typeof ZOD_DROP_nonnegative === 'undefined' && {
    nonnegative(params) {
      return this.check(mini.gte(0, params));
    },
  }),
  ...(typeof ZOD_DROP_negative === 'undefined' && {
    negative(params) {
      return this.check(mini.lt(0, params));
    },
  }),
  ...(typeof ZOD_DROP_multipleOf === 'undefined' && {
    multipleOf(value, params) {
      return this.check(mini.multipleOf(value, params));
    },
  }),
});

install(mini.ZodMiniArray, {
  ...(typeof ZOD_DROP_min === 'undefined' && {
    min(size, params) {
      return this.check(mini.minLength(size, params));
    },
  }),
  ...(typeof ZOD_DROP_max === 'undefined' && {
    max(size, params) {
      return this.check(mini.maxLength(size, params));
    },
  }),
  ...(typeof ZOD_DROP_length === 'undefined' && {
    length(size, params) {
      return this.check(mini.length(size, params));
    },
  }),
  ...(typeof ZOD_DROP_nonempty === 'undefined' && {
    nonempty(params) {
      return this.check(mini.minLength(1, params));
    },
  }),
});

install(mini.ZodMiniObject, {
  ...(typeof ZOD_DROP_catchall === 'undefined' && {
    catchall(catchall) {
      return mini.catchall(this, catchall);
    },
  }),
  ...(typeof ZOD_DROP_strict === 'undefined' && {
    strict() {
      return mini.catchall(this, mini.never());
    },
  }),
  ...(typeof ZOD_DROP_passthrough === 'undefined' && {
    passthrough() {
      return mini.catchall(this, mini.unknown());
    },
  }),
  ...(typeof ZOD_DROP_extend === 'undefined' && {
    extend(shape) {
      return mini.extend(this, shape);
    },
  }),
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
