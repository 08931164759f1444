/**
 * The classic-API facade over zod/mini that the Lambda bundles carry instead of `zod`
 * (infra/constructs/bundling/zod) against zod itself, on the app's own schemas: the schema modules
 * are bundled with the bundles' aliases (no network: esbuild in process) and imported beside the
 * same modules on real zod. Every exported schema must describe the same JSON Schema (so every
 * check a method adds is the same check) and parse a corpus of values to the same result and
 * issues; the OpenAPI document built from them must be the same.
 * (`npx vitest run --config test/unit/bundling/zod-facade.vitest.config.ts` runs the schema and
 * handler unit tests on the facade too.)
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { BUNDLE_ALIASES } from '../../../infra/constructs/bundling/aliases.ts';

const schemasDir = fileURLToPath(new URL('../../../functions/schemas/', import.meta.url));
const MODULES = [
  ...readdirSync(schemasDir).filter((file) => file.endsWith('.ts')),
  ...readdirSync(join(schemasDir, 'config')).map((file) => `config/${file}`),
  ...readdirSync(join(schemasDir, 'routes')).map((file) => `routes/${file}`),
].filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));

type Namespace = Record<string, unknown>;
const scratch = mkdtempSync(join(tmpdir(), 'zod-facade-'));
let facade: Record<string, Namespace> & { toJSONSchema: typeof z.toJSONSchema };
const classic: Record<string, Namespace> = {};

beforeAll(async () => {
  const entry = [
    "export { toJSONSchema } from 'zod';",
    ...MODULES.map((file, index) => `export * as m${index} from ${JSON.stringify(join(schemasDir, file))};`),
  ].join('\n');
  const outfile = join(scratch, 'schemas.mjs');
  await esbuild.build({
    stdin: { contents: entry, resolveDir: schemasDir, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile,
    alias: BUNDLE_ALIASES,
    logLevel: 'error',
  });
  const bundled = (await import(pathToFileURL(outfile).href)) as Namespace;
  facade = { toJSONSchema: bundled['toJSONSchema'] as typeof z.toJSONSchema } as typeof facade;
  for (const [index, file] of MODULES.entries()) {
    facade[file] = bundled[`m${index}`] as Namespace;
    classic[file] = (await import(join(schemasDir, file))) as Namespace;
  }
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const isSchema = (value: unknown): value is z.ZodType =>
  typeof value === 'object' && value !== null && '_zod' in value && 'safeParse' in value;

/** Values every schema is tried with: wrong types, edges of common bounds, the schema's own examples. */
function corpus(jsonSchema: unknown): unknown[] {
  const examples = JSON.stringify(jsonSchema).match(/"examples":\[[^\]]*\]/g) ?? [];
  const fromExamples = examples.flatMap((text) => JSON.parse(`{${text}}`).examples as unknown[]);
  const base: unknown[] = [
    undefined,
    null,
    '',
    'x',
    '  Padded  ',
    'ML0506',
    0,
    -1,
    1.5,
    7,
    101,
    true,
    [],
    ['x'],
    {},
  ];
  const objectSamples = fromExamples.length > 0 ? [{ ...Object(fromExamples[0]) }] : [];
  return [...base, ...fromExamples, ...objectSamples];
}

const outcome = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success
    ? { success: true, data: JSON.stringify(result.data) }
    : {
        success: false,
        issues: result.error.issues.map((issue) => ({
          code: issue.code,
          path: issue.path,
          message: issue.message,
        })),
      };
};

const jsonSchemaOf = (toJSONSchema: typeof z.toJSONSchema, schema: z.ZodType, io: 'input' | 'output') => {
  try {
    return toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' });
  } catch (error) {
    return { threw: (error as Error).message };
  }
};

describe('zod facade of the bundles against zod', () => {
  it('finds the app schemas in both builds', () => {
    const count = MODULES.flatMap((file) => Object.values(classic[file] ?? {}).filter(isSchema)).length;
    expect(count).toBeGreaterThan(40);
    expect(Object.keys(facade)).toHaveLength(MODULES.length + 1);
  });

  it.each(MODULES)('%s: same JSON Schema and same parse results for every exported schema', (file) => {
    for (const [name, value] of Object.entries(classic[file]!)) {
      if (!isSchema(value)) continue;
      const other = facade[file]![name];
      expect(isSchema(other), `${file} ${name}`).toBe(true);
      for (const io of ['input', 'output'] as const) {
        expect(jsonSchemaOf(facade.toJSONSchema, other as z.ZodType, io), `${file} ${name} ${io}`).toEqual(
          jsonSchemaOf(z.toJSONSchema, value, io),
        );
      }
      for (const sample of corpus(jsonSchemaOf(z.toJSONSchema, value, 'input'))) {
        expect(outcome(other as z.ZodType, sample), `${file} ${name} ${JSON.stringify(sample)}`).toEqual(
          outcome(value, sample),
        );
      }
    }
  });

  it('builds the same OpenAPI document', () => {
    const build = (modules: Record<string, Namespace>) =>
      (modules['openapi.ts']!['openApiDocument'] as () => unknown)();
    expect(build(facade)).toEqual(build(classic));
  });
});
