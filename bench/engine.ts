/**
 * Executions per second of a 10-state workflow (Pass, Choice, Task with in-process handlers):
 * the durable engine (SQLite, WAL, every transition persisted) against aws-local-stepfunctions
 * (in memory), on the same definition and the same handlers, in the same run.
 * `npx tsx bench/engine.ts [executions] [concurrency]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';
import { createEngine } from '../local/engine/index.ts';
import { runExecution } from '../local/engine/interpreter/index.ts';
import { createMemoryEffects } from '../local/engine/memory-effects.ts';
import { benchExecution, definition, fn, handlers, inputOf } from './lib/engine-workload.ts';

const executions = Number(process.argv[2] ?? 3000);
const concurrency = Number(process.argv[3] ?? 100);
interface Rate {
  /** Executions per wall-clock second. */
  wall: number;
  /** Executions per second of CPU time used by this process: steadier on a shared machine. */
  cpu: number;
}

/** Runs `count` jobs with at most `width` in flight, then `finish` (timed too). */
async function throughput(
  count: number,
  width: number,
  job: (index: number) => Promise<unknown>,
  finish?: () => void,
): Promise<Rate> {
  let next = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const worker = async () => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
  finish?.();
  const cpu = process.cpuUsage(cpuBefore);
  return {
    wall: count / ((performance.now() - started) / 1000),
    cpu: count / ((cpu.user + cpu.system) / 1e6),
  };
}

const handlersByArn = new Map(Object.entries(handlers).map(([name, handler]) => [fn(name), handler]));

async function benchDurableEngine(count: number): Promise<Rate> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  const engine = createEngine({
    storePath: process.env['BENCH_MEMORY'] ? ':memory:' : join(directory, 'engine.db'),
    // Looked up by ARN, as aws-local-stepfunctions looks its handlers up by state name.
    lambdaInvoker: async (functionArn, payload) => handlersByArn.get(functionArn)!(payload),
  });
  const { stateMachineArn } = engine.createStateMachine({
    name: 'bench',
    definition: JSON.stringify(definition),
    roleArn: 'arn:aws:iam::123456789012:role/bench',
  });
  const rate = await throughput(
    count,
    concurrency,
    async (index) => {
      const { executionArn } = engine.startExecution({
        stateMachineArn,
        input: JSON.stringify(inputOf(index)),
      });
      const done = await engine.runtime.waitForExecution(executionArn);
      if (done.status !== 'SUCCEEDED')
        throw new Error(`durable engine: ${done.status} ${done.error} ${done.cause}`);
    },
    // Closing checkpoints the WAL into the database file: work the run's commits left, timed with them.
    () => engine.close(),
  );
  rmSync(directory, { recursive: true, force: true });
  return rate;
}

/** The same interpreter without the durable runtime: shows what durability costs. */
async function benchInterpreterInMemory(count: number): Promise<Rate> {
  const tasks = Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      fn(name),
      async (request: { parameters: unknown }) => ({
        ok: true as const,
        output: handler(request.parameters),
      }),
    ]),
  );
  return throughput(count, concurrency, async (index) => {
    const input = inputOf(index);
    const effects = createMemoryEffects({ tasks });
    await runExecution({
      definition,
      input,
      execution: benchExecution(index, input),
      stateMachine: { Id: 'bench', Name: 'bench' },
      effects,
    });
  });
}

async function benchAwsLocalStepFunctions(count: number): Promise<Rate> {
  // biome-ignore lint/suspicious/noExplicitAny: the library types its definition narrowly; ours is the same JSON
  const machine = new StateMachine(definition as any);
  type JsonValue = Parameters<
    Parameters<typeof machine.run>[0] extends infer I ? (input: I) => void : never
  >[0];
  const local: Record<string, (input: JsonValue) => Promise<JsonValue>> = {};
  for (const state of ['Validate', 'Enrich', 'Score', 'Record']) {
    const name = state.toLowerCase();
    local[state] = async (input) => handlers[name]!(input) as JsonValue;
  }
  return throughput(count, concurrency, async (index) => {
    const execution = machine.run(inputOf(index), { overrides: { taskResourceLocalHandlers: local } });
    await execution.result;
  });
}

// The engines run in alternating rounds and each keeps its median, so a busy machine slows all alike;
// CPU time per execution is reported too, as it depends much less on what else the machine runs.
const rounds = Number(process.argv[4] ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const warmup = Math.min(300, executions);
await benchDurableEngine(warmup);
await benchAwsLocalStepFunctions(warmup);
await benchInterpreterInMemory(warmup);
const runs = { durable: [] as Rate[], awsLocal: [] as Rate[], interpreter: [] as Rate[] };
for (let round = 0; round < rounds; round++) {
  runs.durable.push(await benchDurableEngine(executions));
  runs.awsLocal.push(await benchAwsLocalStepFunctions(executions));
  runs.interpreter.push(await benchInterpreterInMemory(executions));
}
const summary = (rates: Rate[]) => ({
  wall: median(rates.map((rate) => rate.wall)),
  cpu: median(rates.map((rate) => rate.cpu)),
});
const durable = summary(runs.durable);
const awsLocal = summary(runs.awsLocal);
const interpreter = summary(runs.interpreter);
const line = (label: string, rate: { wall: number; cpu: number }) =>
  `${label.padEnd(40)} ${rate.wall.toFixed(0).padStart(6)} /s wall   ${rate.cpu.toFixed(0).padStart(6)} /s of CPU`;
console.log(
  `10-state workflow (Pass, Choice, Task), ${executions} executions, ${concurrency} in flight, median of ${rounds} rounds`,
);
console.log(line('durable engine (SQLite WAL, durable)', durable));
console.log(line('aws-local-stepfunctions (in memory)', awsLocal));
console.log(line('our interpreter alone (memory effects)', interpreter));
console.log(
  `ratio durable / aws-local-stepfunctions: ${(durable.wall / awsLocal.wall).toFixed(2)} (wall), ${(durable.cpu / awsLocal.cpu).toFixed(2)} (CPU)`,
);
