/**
 * Error names survive the bundles' minification (esbuild without keepNames: class names become
 * 'xg'). Workflows Retry and Catch by `error.name`, handlers compare it and logs show it, so every
 * error class in functions/ and in the bundle stand-ins sets its own name, written out.
 *
 * Two checks: every error class declares `name = 'X'` (a field, or `this.name = 'X'` in its
 * constructor), and bundles built with AppFunction's esbuild settings throw errors named as the
 * class that threw them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_ALIASES } from '../../../infra/constructs/bundling/aliases.ts';
import { BUNDLE_ESBUILD } from '../../../infra/constructs/bundling/esbuild-settings.ts';
import { FUNCTIONS_DIR, REPO_ROOT } from '../../../infra/paths.ts';

const SCANNED = [FUNCTIONS_DIR, join(REPO_ROOT, 'infra/constructs/bundling')];

/**
 * Error classes whose name is not their class name, on purpose. A service exception of the
 * small SDK clients is named by the service's answer (`__type`) and built by the class registered
 * under that name; the check below requires that registration instead.
 */
const NAMED_OTHERWISE: Readonly<Record<string, string>> = {
  // The name of the error it wraps, so a workflow catches the original by name.
  TaskFailedError: 'original instanceof Error ? original.name : \u0027TaskFailedError\u0027',
  // The SDK's name for the same failure (@smithy/property-provider), which callers may test.
  CredentialsMissingError: "'CredentialsProviderError'",
  // Whatever the service answered (`shape.name`), as the SDK's ServiceException.
  SmallServiceException: 'shape.name',
};

/** Arguments for the constructors that look their message up by an argument. */
const CONSTRUCTOR_ARGUMENTS: Readonly<Record<string, unknown[]>> = {
  CsvFileRejectedError: ['EMPTY'],
};

interface ErrorClass {
  name: string;
  base: string;
  file: string;
  abstract: boolean;
  /** The expression assigned to `name` (a field initializer or `this.name = …`), as written. */
  names: string[];
  /** Registered as `{ Name }` or `{ Name: Name }` in an object literal of its own file. */
  registered: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(dir, file));
}

function classesOf(file: string): ErrorClass[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const registrations = new Set<string>();
  const found: ErrorClass[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isShorthandPropertyAssignment(node)) registrations.add(node.name.text);
    if (
      ts.isPropertyAssignment(node) &&
      ts.isIdentifier(node.name) &&
      ts.isIdentifier(node.initializer) &&
      node.name.text === node.initializer.text
    )
      registrations.add(node.name.text);
    if (ts.isClassDeclaration(node) && node.name) {
      const base = node.heritageClauses
        ?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)
        ?.types[0]?.expression.getText(source);
      if (base) found.push(describeClass(node, node.name.text, base, relative(REPO_ROOT, file), source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const found1 of found) found1.registered = registrations.has(found1.name);
  return found;
}

function describeClass(
  node: ts.ClassDeclaration,
  name: string,
  base: string,
  file: string,
  source: ts.SourceFile,
): ErrorClass {
  const names: string[] = [];
  for (const member of node.members) {
    if (ts.isPropertyDeclaration(member) && member.name.getText(source) === 'name' && member.initializer)
      names.push(member.initializer.getText(source));
    if (ts.isConstructorDeclaration(member))
      for (const statement of member.body?.statements ?? []) {
        if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
        const { left, operatorToken, right } = statement.expression;
        if (operatorToken.kind === ts.SyntaxKind.EqualsToken && left.getText(source) === 'this.name')
          names.push(right.getText(source));
      }
  }
  const abstract = ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword) ?? false;
  return { name, base, file, abstract, names, registered: false };
}

/** Classes whose chain of `extends` reaches Error (or a base outside these folders named …Error). */
function errorClasses(): ErrorClass[] {
  const all = SCANNED.flatMap(sourceFiles).flatMap(classesOf);
  const errors = new Set(['Error']);
  for (let grown = true; grown; ) {
    grown = false;
    for (const item of all)
      if (!errors.has(item.name) && (errors.has(item.base) || /Error$/.test(item.base))) {
        errors.add(item.name);
        grown = true;
      }
  }
  return all.filter((item) => errors.has(item.name));
}

/** What is wrong with how an error class gets its name, or undefined. */
function namingProblem(item: ErrorClass, serviceExceptions: ReadonlySet<string>): string | undefined {
  const where = `${item.file}: ${item.name}`;
  if (item.abstract) return undefined;
  const expected = NAMED_OTHERWISE[item.name] ?? `'${item.name}'`;
  if (serviceExceptions.has(item.name) && !NAMED_OTHERWISE[item.name]) {
    if (item.names.length > 0)
      return `${where} is named by the service's answer, not ${item.names.join(', ')}`;
    if (/ServiceException$/.test(item.name)) return undefined; // the client's base: any other name
    return item.registered ? undefined : `${where} is not registered under its own name (${item.name},)`;
  }
  if (item.names.length === 0) return `${where} does not set its name: add \`this.name = '${item.name}'\``;
  const wrong = item.names.filter((value) => value.replace(/"/g, "'") !== expected);
  return wrong.length > 0 ? `${where} is named ${wrong.join(', ')}, not ${expected}` : undefined;
}

function serviceExceptionsOf(classes: ErrorClass[]): Set<string> {
  const set = new Set(['SmallServiceException']);
  for (let grown = true; grown; ) {
    grown = false;
    for (const item of classes)
      if (!set.has(item.name) && set.has(item.base)) {
        set.add(item.name);
        grown = true;
      }
  }
  return set;
}

const scratch = mkdtempSync(join(tmpdir(), 'error-names-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Bundles `entry` as AppFunction does (aliases, minified, no keepNames) and runs `probe` on it. */
async function runBundled(name: string, entry: string, probe: (url: string) => string): Promise<unknown> {
  const outfile = join(scratch, `${name}.mjs`);
  await build({
    ...BUNDLE_ESBUILD,
    mainFields: [...BUNDLE_ESBUILD.mainFields],
    banner: { js: BUNDLE_ESBUILD.banner },
    entryPoints: [entry],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    alias: BUNDLE_ALIASES,
    outfile,
    logLevel: 'silent',
  });
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe(pathToFileURL(outfile).href)], {
    env: {
      PATH: process.env['PATH'] ?? '',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      REGISTRY_TABLE: 'registry',
      IDEMPOTENCY_TABLE: 'idempotency',
      AUDIT_TABLE: 'audit',
      KIT_DISPATCH_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:kits',
    },
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

describe('error names without keepNames', () => {
  const classes = errorClasses();
  const serviceExceptions = serviceExceptionsOf(classes);

  it('finds the error classes of functions/ and the stand-ins', () => {
    const names = classes.map((item) => item.name);
    for (const known of [
      'DomainError',
      'AppError',
      'StockBelowZeroError',
      'ConfirmationExceedsReservationError',
      'VoucherUnknownError',
      'BatchIncompleteError',
      'IdempotencyItemAlreadyExistsError',
      'ConditionalCheckFailedException',
      'ExecutionAlreadyExists',
    ])
      expect(names).toContain(known);
    expect(classes.length).toBeGreaterThan(80);
  });

  it('every error class names itself, as its class is named', () => {
    const problems = classes.map((item) => namingProblem(item, serviceExceptions)).filter(Boolean);
    expect(problems).toEqual([]);
  });

  it('the check catches a class that relies on its class name', () => {
    const unnamed: ErrorClass = {
      name: 'NewDomainError',
      base: 'DomainError',
      file: 'functions/x.ts',
      abstract: false,
      names: [],
      registered: false,
    };
    expect(namingProblem(unnamed, serviceExceptions)).toMatch(/does not set its name/);
    expect(namingProblem({ ...unnamed, names: ["'Other'"] }, serviceExceptions)).toMatch(/is named 'Other'/);
    expect(namingProblem({ ...unnamed, names: ['new.target.name'] }, serviceExceptions)).toMatch(/is named/);
    expect(namingProblem({ ...unnamed, names: ["'NewDomainError'"] }, serviceExceptions)).toBeUndefined();
    const exception = {
      ...unnamed,
      name: 'ConditionalCheckFailedException',
      base: 'DynamoDBServiceException',
    };
    expect(namingProblem(exception, serviceExceptions)).toMatch(/not registered/);
    expect(namingProblem({ ...exception, registered: true }, serviceExceptions)).toBeUndefined();
  });

  it('every exported error class, bundled, throws under its own name', { timeout: 60_000 }, async () => {
    const files = [...new Set(classes.map((item) => item.file))];
    const entry = join(scratch, 'all-errors.ts');
    writeFileSync(
      entry,
      files.map((file, i) => `export * as m${i} from ${JSON.stringify(join(REPO_ROOT, file))};`).join('\n'),
    );
    // Each class built with an argument that stands for anything its constructor reads (or the
    // arguments below); service exceptions are built from the service's answer (next tests).
    const skip = [...serviceExceptions, ...Object.keys(NAMED_OTHERWISE)];
    const probe = (url: string) => `
      const skip = new Set(${JSON.stringify(skip)});
      const args = ${JSON.stringify(CONSTRUCTOR_ARGUMENTS)};
      const any = new Proxy(function () {}, {
        get: (_, key) => key === Symbol.toPrimitive ? () => 'x' : key === Symbol.iterator ? [][Symbol.iterator].bind([]) : any,
        apply: () => any,
      });
      const modules = await import(${JSON.stringify(url)});
      const names = {};
      for (const module of Object.values(modules))
        for (const [exported, value] of Object.entries(module))
          if (typeof value === 'function' && value.prototype instanceof Error && !skip.has(exported))
            try { names[exported] = { name: new value(...(args[exported] ?? [any, any, any])).name, className: value.name }; }
            catch (error) { names[exported] = { name: 'not built: ' + error.message, className: value.name }; }
      console.log(JSON.stringify(names));`;
    const names = (await runBundled('all-errors', entry, probe)) as Record<
      string,
      { name: string; className: string }
    >;
    const checked = Object.entries(names);
    expect(checked.length).toBeGreaterThan(50);
    // The bundle is minified as deployed: class names are not kept ...
    expect(checked.filter(([exported, { className }]) => className !== exported).length).toBeGreaterThan(40);
    // ... and every error is still named as its class.
    expect(checked.filter(([exported, { name }]) => name !== exported)).toEqual([]);
  });

  it('a task handler bundle rejects bad input as InvalidTaskInputError', { timeout: 60_000 }, async () => {
    const probe = (url: string) => `
      const { handler } = await import(${JSON.stringify(url)});
      const context = { awsRequestId: 'req-1', functionName: 'f', getRemainingTimeInMillis: () => 10000 };
      try { await handler({ allocationId: 42 }, context); console.log('null'); }
      catch (error) { console.log(JSON.stringify({ name: error.name, stack: error.stack.split('\\n')[0] })); }`;
    const entry = join(FUNCTIONS_DIR, 'allocations/reserve-kits.ts');
    expect(await runBundled('reserve-kits', entry, probe)).toEqual({
      name: 'InvalidTaskInputError',
      stack: expect.stringMatching(/^InvalidTaskInputError: /),
    });
  });

  it('the DynamoDB stand-in, bundled, names a refused condition ConditionalCheckFailedException', async () => {
    const entry = join(scratch, 'dynamodb.ts');
    writeFileSync(
      entry,
      `export { DynamoDBClient, PutItemCommand, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';`,
    );
    const probe = (url: string) => `
      const { DynamoDBClient, PutItemCommand, ConditionalCheckFailedException } = await import(${JSON.stringify(url)});
      const fetch = async () => new Response(JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
        message: 'The conditional request failed',
      }), { status: 400, headers: { 'content-type': 'application/x-amz-json-1.0' } });
      const client = new DynamoDBClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:1', fetch, maxAttempts: 1 });
      try { await client.send(new PutItemCommand({ TableName: 't', Item: {} })); console.log('null'); }
      catch (error) {
        console.log(JSON.stringify({ name: error.name, known: error instanceof ConditionalCheckFailedException, className: ConditionalCheckFailedException.name }));
      }`;
    const result = (await runBundled('dynamodb', entry, probe)) as Record<string, unknown>;
    expect(result).toEqual({
      name: 'ConditionalCheckFailedException',
      known: true,
      className: expect.any(String),
    });
    expect(result['className']).not.toBe('ConditionalCheckFailedException');
  });
});
