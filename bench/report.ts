import type { BenchOutcome } from './benches.ts';
import type { machineInfo } from './lib/machine.ts';
import { renderSection } from './lib/markdown.ts';

/**
 * What was changed because of these figures, with the before/after measured when it was made
 * (kept here, not in results.json, because a later run measures only the after).
 */
const CHANGES = [
  '## Changes made from these figures',
  '',
  "- **zod without its locales** (functions/allocations/*, functions/stock/site-path.ts): `import * as z from 'zod'`",
  "  instead of `import { z } from 'zod'`, which pulled every locale in: issue voucher 1,050 → 696 KB,",
  '  stock handlers 910 → 503 KB, every kit-dispatch function about −350 KB.',
  '- **SDK credential chain reduced to `fromEnv`** (infra/constructs/app-function.ts, esbuild alias to',
  '  infra/constructs/bundling/env-credential-provider.ts): Lambda passes credentials in the environment, so',
  '  the SSO/INI/process/web-identity/metadata links and the STS/SSO clients they embed never run there.',
  '  The SDK stays bundled at the version package-lock.json pins. −108 to −132 KB on every bundle that uses',
  '  the SDK (46 functions); import time measured with `npx tsx bench/bundle-variants.ts` (fresh process,',
  '  median of 9, interleaved, same run): register household 559 → 427 KB, 412 → 340 ms (0.83×);',
  '  get household 484 → 352 KB, 277 → 210 ms (0.76×); deduplicate 471 → 339 KB, 308 → 309 ms (1.0×);',
  '  issue voucher 696 → 588 KB, 407 → 302 ms (0.74×); open GBV case 550 → 418 KB, 462 → 279 ms (0.61×).',
  '  The bundles table below shows it once cdk.out has been synthesized after that change.',
  '',
  '- **Small stand-ins for the SDK clients and zod, in the Lambda bundles only** (esbuild aliases in',
  '  infra/constructs/bundling/aliases.ts; functions/ and the unit tests keep the real packages): DynamoDB,',
  '  Step Functions and S3 over global fetch with a SigV4 signer on node:crypto (checked against the',
  "  SDK's signer), lib-dynamodb's marshalling, the SDK's command and exception classes and its retry on",
  "  throttling and 5xx; zod's classic methods installed on zod/mini's classes. Measured pieces",
  '  (`npx tsx bench/bundle-pieces.ts`): DynamoDB GetItem 216 KB → 16 KB, zod one schema 94 → 38 KB.',
  '  Before → after: every bundle under 512 KB 46/50 → 50/50 (largest 189 KB); staff path under 128 KB',
  '  0/30 → 24/31; cold start within 3× 7/50 → 50/50; get household 376 → 121 KB, 105 → 59 ms. A departure',
  '  from DESIGN.md decision 4 (the SDK bundled), for cold starts; contract tests in',
  '  test/integration/bundling run the same calls through the SDK and the stand-ins.',
  '',
  "Then stand-ins for Powertools idempotency's JMESPath (the field names our config uses; −24 KB on each",
  'idempotent handler) and for csv-stringify (rows of strings, byte-identical): staff path 24/31 → 25/31.',
  'Still over 128 KB: confirm allocation 174, count stock 171, receive stock 169, register household 153,',
  'open GBV case 144 and verification sample 133 KB; each carries the Powertools Logger (22 KB), and the',
  'stock handlers Powertools Metrics (13 KB).',
  '',
  '- **Powertools Logger, Metrics and idempotency, util-dynamodb, `ulid` and the header normalizer as',
  '  stand-ins; zod facade methods left out per function** (2026-11-27; infra/constructs/bundling, README',
  '  there): the calls functions/ makes, with the same output, each compared with the real package in',
  '  test/unit/bundling (log and EMF lines byte for byte, DynamoDB commands, marshalled values, ids,',
  '  events) and idempotency also on DynamoDB Local; each function leaves out the classic zod methods',
  '  none of its sources names. Before → after (bundle KB, this bench): confirm allocation 174 → 133.5,',
  '  count stock 171 → 127.8, receive stock 169 → 126.3, register household 153 → 117.6, open GBV case',
  '  144 → 110.3, verification sample 133 → 108; every other function 18.7 to 42.6 KB smaller, but',
  '  health and start bulk intake (unchanged); staff path under 128 KB 25/31 → 30/31 (count stock by',
  '  0.2 KB), cold start within 3× still 51/51. Still over: confirm allocation, which carries the kit',
  "  adapters (11 KB) and the waitlist it serves. esbuild's keepNames costs it 10 KB (123.5 KB",
  '  without): DomainError names its subclasses with `new.target.name`; once they name themselves,',
  '  keepNames can go.',
  '',
  '- **No esbuild keepNames in the bundles** (2026-11-27; infra/constructs/bundling/esbuild-settings.ts):',
  '  every error class in functions/ and the stand-ins sets its own `name` (DomainError used',
  '  `new.target.name`), so workflows, handlers and logs see the same names with class names minified;',
  '  test/unit/bundling/error-names.test.ts checks each class and errors thrown by bundles built so.',
  '  Before → after (bundle KB, this bench): confirm allocation 133.5 → 124.3, count stock 127.8 → 118.9,',
  '  receive stock 126.3 → 117.4, register household 117.6 → 108.7, open GBV case 110.3 → 101.8; every',
  '  staff-path bundle 5.4 to 9.2 KB smaller; staff path under 128 KB 30/31 → 31/31, under 512 KB and',
  '  cold start within 3× still 51/51 (confirm allocation cold process 47.2 → 46.2 ms, one run each).',
  '',
  '- **Fewer states on the path of a household** (workflows/intake.asl.json, workflows/kit-dispatch.asl.json,',
  '  functions/intake/screen-household.ts, functions/allocations/issue-voucher.ts; commit d3d9df0): an eligible',
  '  household served enters 7 states instead of 18. Measured with the cost bench, 64 households each from',
  '  POST /households to a confirmed distribution, on the commit before (d3d9df0^, synthesized apart) and on',
  '  the working tree with the trimmed workflows, eight minutes apart on 2026-11-27: $ per 1,000 households',
  '  served 0.583 → 0.310, from counts alone (without Lambda duration, which depends on the load of the',
  '  machine) 0.541 → 0.266; registered only',
  '  0.434 → 0.231. Before that day the cost bench stopped at the waitlist (no stock received, no',
  '  distribution) and did not count Lambda tasks waiting on a task token: it reported $0.432 for that part.',
  '',
  '- **Durable engine: history rebuilt by replay, a faster interpreter, no tsx** (2026-11-27;',
  '  local/engine/runtime/history-replay.ts, local/engine/interpreter/*, package.json): executions of a',
  '  sequential definition (no Parallel, no Map) store their journal only, and GetExecutionHistory replays',
  '  the interpreter against it (the same events, ids and details as stored ones, checked on every',
  '  sequential case of the AWS corpus and on tasks, retries, callbacks, stops, timeouts and redrive); the',
  '  interpreter, running lean, numbers events without building them, and its hot path is about 3× faster',
  '  (`npx tsx bench/interpreter-hot-path.ts`: 14.6 → 4.8 µs of CPU per execution lean, 36.6 → 13.0',
  '  building events); `npm start` and this bench run on Node 24 type stripping, since tsx (esbuild',
  '  keepNames) named every closure through Object.defineProperty, about 15% of the engine; tasks go out',
  '  without async frames, and executions waiting on one commit share its promise. CPU per durable',
  '  execution about 130 → 55 µs; ratio to aws-local-stepfunctions 0.34 wall / 0.37 CPU → 0.7 to 1.1',
  '  wall / 0.7 to 0.9 CPU over the runs of that day. Goal ≥ 1 not met: of what is left, SQLite is a',
  '  third (the commit alone about 9 µs: some 23 pages a commit, two writes each) and garbage',
  '  collection a fifth (the state of the executions in flight is promoted at every scavenge).',
];

/** docs/BENCHMARKS.md from the results: machine, caveat, then each bench's tables in order. */
export function renderReport(
  machine: ReturnType<typeof machineInfo>,
  benches: Record<string, BenchOutcome>,
  order: string[],
): string {
  const lines = [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench` (bench/run.ts) from bench/results.json: edit the benches, not this file. -->',
    '',
    '**Read these figures as ratios.** They come from a shared, noisy machine where other work runs at',
    'the same time; absolute times vary from run to run by tens of percent. What holds is the comparison',
    'inside one run: each figure stands next to its baseline (empty handler, in-memory emulator, direct',
    'invocation, raw writes) measured in the same run. Costs are computed from counts (transitions,',
    'invocations, capacity units), which do not depend on the machine, and from list prices to be checked.',
    '',
    `Last run: ${machine.date} · Node ${machine.node} · ${machine.platform} · ${machine.cpu} · ${machine.memoryGb} GB RAM`,
    `(${machine.freeMemoryGb} GB free, load ${machine.loadAverage.join(' / ')}) · commit ${machine.commit}`,
    '',
    'Run all: `npm run bench` (a few minutes); one: `npm run bench -- <name>`; smaller counts: `--quick`.',
    `Benches: ${order.map((name) => `\`${name}\``).join(', ')}.`,
  ];
  lines.push('', ...CHANGES);
  for (const name of order) {
    const outcome = benches[name];
    lines.push('', `## ${name}`, '');
    if (!outcome) {
      lines.push('Not run yet.');
      continue;
    }
    lines.push(
      `Status: **${outcome.status}** · measured ${outcome.measuredAt ?? 'unknown'}${outcome.quick ? ' (quick counts)' : ''} · ${outcome.seconds ?? '?'} s`,
    );
    if (outcome.status === 'failed')
      lines.push('', `Error: \`${String(outcome.data['error'] ?? 'unknown')}\``);
    for (const table of outcome.tables) lines.push('', renderSection(table));
  }
  return `${lines.join('\n')}\n`;
}
