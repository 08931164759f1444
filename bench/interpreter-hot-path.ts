/**
 * CPU per execution of the interpreter alone (memory effects) on bench/engine.ts's 10-state
 * workflow, lean (events numbered, not built: what the durable runtime runs) and normal (events
 * built and recorded). Variants run in alternating rounds and each keeps its median, so a busy
 * machine slows all alike.
 * `npx tsx bench/interpreter-hot-path.ts [executions] [rounds] [concurrency]`
 * With `BASELINE=<dir>` (a copy of `local/engine` from another commit, e.g.
 * `git archive HEAD local/engine | tar -x -C /tmp/base`, with a `node_modules` link beside it),
 * the baseline's interpreter runs in the same rounds for a before/after comparison.
 * `JSONATA=1` adds the same workflow written in JSONata, `INTAKE=1` one shaped like the intake workflow.
 * `ONLY=<label>[,<label>]` runs only those variants, e.g. one under `npx tsx --cpu-prof`.
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RunExecution, TaskOutcome, TaskRequest } from '../local/engine/contract.ts';
import { runExecution } from '../local/engine/interpreter/index.ts';
import { createMemoryEffects, type MemoryEffectsOptions } from '../local/engine/memory-effects.ts';
import { benchExecution, definition, fn, handlers, inputOf } from './lib/engine-workload.ts';

const executions = Number(process.argv[2] ?? 3000);
const rounds = Number(process.argv[3] ?? 7);
const concurrency = Number(process.argv[4] ?? 100);
/**
 * The same workflow in JSONata, as the project's own workflows are written (`JSONATA=1` adds it):
 * each state merges its result into the input through Output.
 */
const merged = (field: string, value: string) => `{% $merge([$states.input, { "${field}": ${value} }]) %}`;
const jsonataDefinition = {
  QueryLanguage: 'JSONata',
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Output: merged('source', '"intake"'), Next: 'Validate' },
    Validate: {
      Type: 'Task',
      Resource: fn('validate'),
      Output: merged('validation', '$states.result'),
      Next: 'Is valid',
    },
    'Is valid': {
      Type: 'Choice',
      Choices: [{ Condition: '{% $states.input.validation.valid %}', Next: 'Enrich' }],
      Default: 'Rejected',
    },
    Enrich: {
      Type: 'Task',
      Resource: fn('enrich'),
      Output: merged('profile', '$states.result'),
      Next: 'Score',
    },
    Score: {
      Type: 'Task',
      Resource: fn('score'),
      Arguments: '{% $states.input.profile %}',
      Output: merged('score', '$states.result'),
      Next: 'Priority',
    },
    Priority: {
      Type: 'Choice',
      Choices: [{ Condition: '{% $states.input.score.score >= 21 %}', Next: 'High priority' }],
      Default: 'Normal priority',
    },
    'High priority': { Type: 'Pass', Output: merged('priority', '"HIGH"'), Next: 'Record' },
    'Normal priority': { Type: 'Pass', Output: merged('priority', '"NORMAL"'), Next: 'Record' },
    Record: { Type: 'Task', Resource: fn('record'), Output: merged('recorded', '$states.result'), End: true },
    Rejected: { Type: 'Fail', Error: 'Intake.Invalid', Cause: 'No members' },
  },
};

/**
 * A workflow shaped like workflows/intake.asl.json (`INTAKE=1` adds it): JSONata with Assign,
 * plain paths, a string key built with `&`, a callback token and `$states.context` reads.
 */
const intakeDefinition = {
  QueryLanguage: 'JSONata',
  StartAt: 'Screen',
  States: {
    Screen: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'screen', Payload: { householdId: '{% $states.input.householdId %}' } },
      TimeoutSeconds: 300,
      Retry: [{ ErrorEquals: ['Lambda.ServiceException'], MaxAttempts: 2 }],
      Assign: {
        householdId: '{% $states.input.householdId %}',
        outcome: '{% $states.result.Payload.outcome %}',
        reviewKind: '{% $states.result.Payload.reviewKind %}',
      },
      Output: '{% $states.result.Payload %}',
      Next: 'Decide',
    },
    Decide: {
      Type: 'Choice',
      Choices: [{ Condition: "{% $outcome = 'REVIEW' %}", Next: 'Review' }],
      Default: 'Record',
    },
    Review: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Arguments: {
        FunctionName: 'review',
        Payload: {
          householdId: '{% $householdId %}',
          kind: '{% $reviewKind %}',
          taskToken: '{% $states.context.Task.Token %}',
        },
      },
      Output: '{% $states.result %}',
      Next: 'Record',
    },
    Record: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Arguments: {
        TableName: 'registry',
        Item: {
          pk: { S: "{% 'HH#' & $householdId %}" },
          at: { S: '{% $states.context.State.EnteredTime %}' },
          status: { S: '{% $outcome %}' },
        },
      },
      Output: { householdId: '{% $householdId %}', status: '{% $outcome %}' },
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

const intakeTasks: Record<string, (request: TaskRequest) => TaskOutcome> = {
  'arn:aws:states:::lambda:invoke': (request) => {
    const { householdId } = (request.parameters as { Payload: { householdId: string } }).Payload;
    return { ok: true, output: { Payload: { outcome: 'REVIEW', reviewKind: 'DUPLICATE', householdId } } };
  },
  'arn:aws:states:::lambda:invoke.waitForTaskToken': () => ({ ok: true, output: { decision: 'APPROVED' } }),
  'arn:aws:states:::dynamodb:putItem': () => ({ ok: true, output: {} }),
};

const tasks = Object.fromEntries(
  Object.entries(handlers).map(([name, handler]) => [
    fn(name),
    (request: TaskRequest): TaskOutcome => ({ ok: true, output: handler(request.parameters) }),
  ]),
);

interface Workload {
  definition: Record<string, unknown>;
  tasks: Record<string, (request: TaskRequest) => TaskOutcome>;
}

const WORKLOADS: Record<string, Workload> = {
  '': { definition, tasks },
  'jsonata ': { definition: jsonataDefinition, tasks },
  'intake ': { definition: intakeDefinition, tasks: intakeTasks },
};

interface Engine {
  runExecution: RunExecution;
  createMemoryEffects: (options: MemoryEffectsOptions) => ReturnType<typeof createMemoryEffects>;
}

interface Variant {
  label: string;
  engine: Engine;
  lean: boolean;
  workload: Workload;
  micros: number[];
}

/** CPU microseconds per execution for `count` executions with `concurrency` in flight. */
async function cpuPerExecution(variant: Variant, count: number): Promise<number> {
  const { engine, lean, workload } = variant;
  let next = 0;
  const before = process.cpuUsage();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const input = inputOf(index);
      const result = await engine.runExecution({
        definition: workload.definition,
        input,
        execution: benchExecution(index, input),
        stateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:bench', Name: 'bench' },
        effects: engine.createMemoryEffects({ tasks: workload.tasks, countsEventsOnly: lean }),
      });
      if (result.status !== 'SUCCEEDED') throw new Error(`${variant.label}: ${JSON.stringify(result)}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const cpu = process.cpuUsage(before);
  return (cpu.user + cpu.system) / count;
}

const current: Engine = { runExecution, createMemoryEffects };
const chosen = [
  '',
  ...(process.env['JSONATA'] ? ['jsonata '] : []),
  ...(process.env['INTAKE'] ? ['intake '] : []),
];
const variants: Variant[] = chosen.flatMap((name) => [
  { label: `${name}lean`, engine: current, lean: true, workload: WORKLOADS[name]!, micros: [] },
  { label: `${name}normal`, engine: current, lean: false, workload: WORKLOADS[name]!, micros: [] },
]);
const baselineDirectory = process.env['BASELINE'];
if (baselineDirectory) {
  const base = resolve(baselineDirectory);
  const baseline: Engine = {
    runExecution: (await import(pathToFileURL(join(base, 'interpreter/index.ts')).href)).runExecution,
    createMemoryEffects: (await import(pathToFileURL(join(base, 'memory-effects.ts')).href))
      .createMemoryEffects,
  };
  for (const variant of [...variants]) {
    variants.push({ ...variant, label: `baseline ${variant.label}`, engine: baseline, micros: [] });
  }
}

const only = process.env['ONLY']?.split(',');
if (only) variants.splice(0, variants.length, ...variants.filter((variant) => only.includes(variant.label)));
for (const variant of variants) await cpuPerExecution(variant, Math.min(1000, executions));
for (let round = 0; round < rounds; round++) {
  for (const variant of variants) variant.micros.push(await cpuPerExecution(variant, executions));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(
  `interpreter, bench/engine.ts workflow (and others asked for), ${executions} executions, ${concurrency} in flight, median of ${rounds} rounds`,
);
for (const variant of variants) {
  const values = variant.micros;
  console.log(
    `${variant.label.padEnd(24)} ${median(values).toFixed(1).padStart(6)} µs CPU per execution   (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)})`,
  );
}
