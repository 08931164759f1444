import { readFileSync } from 'node:fs';
import type { TaskOutcome, TaskRequest } from '#engine/contract.ts';
import { runExecution, validateDefinition } from '#engine/interpreter/index.ts';
import { createMemoryEffects, type RecordedEvent } from '#engine/memory-effects.ts';

const fn = (name: string) => `arn:aws:lambda:eu-west-3:000000000000:function:${name}`;

/** The substitutions the service stack supplies, with recognisable fake ARNs. */
export const SUBSTITUTIONS = {
  PlanReferralsFunctionArn: fn('plan-referrals'),
  AwaitStepFunctionArn: fn('await-step'),
  CheckDueFunctionArn: fn('check-due'),
  CloseCaseFunctionArn: fn('close-case'),
};

export function gbvDefinition(): Record<string, unknown> {
  const text = readFileSync(new URL('../../../workflows/gbv-referral.asl.json', import.meta.url), 'utf8');
  return JSON.parse(
    text.replace(
      /\$\{([A-Za-z0-9_]+)\}/g,
      (whole, name: string) => SUBSTITUTIONS[name as keyof typeof SUBSTITUTIONS] ?? whole,
    ),
  ) as Record<string, unknown>;
}

export const CASE_ID = '01JD3Q4Z5X6Y7W8V9T0S1R2Q3P';

/** One answer of a waiting step: what the API sends back, or an error (timeout, revocation). */
export type Answer = Record<string, string> | { error: string };

/** Scripted world: referral ids planned, answers per step (`<step>` or `<step>:<referralId>`), due checks. */
export interface Scenario {
  referralIds: string[];
  answers: Record<string, Answer[]>;
  /** Answers of successive due checks per `<step>` or `<step>:<referralId>`; default false. */
  due?: Record<string, boolean[]>;
  failing?: { function: string; error: string };
}

export interface Run {
  status: string;
  output?: unknown;
  error?: string | undefined;
  cause?: string | undefined;
  tasks: TaskRequest[];
  events: RecordedEvent[];
  path: string[];
}

const functionOf = (request: TaskRequest) =>
  String((request.parameters as { FunctionName: string }).FunctionName)
    .split(':')
    .at(-1);

/** Runs workflows/gbv-referral.asl.json in memory, its tasks answered from the scenario. */
export async function runGbv(scenario: Scenario): Promise<Run> {
  const tasks: TaskRequest[] = [];
  const answers = Object.fromEntries(Object.entries(scenario.answers).map(([k, v]) => [k, [...v]]));
  const dues = Object.fromEntries(Object.entries(scenario.due ?? {}).map(([k, v]) => [k, [...v]]));
  const take = <T>(table: Record<string, T[]>, step: string, referralId: unknown): T | undefined =>
    (referralId ? table[`${step}:${referralId}`]?.shift() : undefined) ?? table[step]?.shift();
  const ok = (output: unknown): TaskOutcome => ({ ok: true, output });

  const effects = createMemoryEffects({
    startTime: new Date('2026-06-01T08:00:00Z'),
    tasks: {
      'arn:aws:states:::lambda:invoke': (request) => {
        const name = functionOf(request);
        const failing = scenario.failing;
        if (failing && failing.function === name) return { ok: false, error: failing.error, cause: 'stub' };
        const payload = (request.parameters as { Payload: Record<string, unknown> }).Payload;
        if (name === 'plan-referrals')
          return ok({ StatusCode: 200, Payload: { referralIds: scenario.referralIds } });
        if (name === 'check-due') {
          const due = take(dues, String(payload['step']), payload['referralId']) ?? false;
          return ok({ StatusCode: 200, Payload: { due } });
        }
        if (name === 'close-case')
          return ok({ StatusCode: 200, Payload: { caseId: payload['caseId'], status: 'CLOSED' } });
        return { ok: false, error: 'States.TaskFailed', cause: `no stub for ${name}` };
      },
      'arn:aws:states:::lambda:invoke.waitForTaskToken': (request) => {
        const payload = (request.parameters as { Payload: Record<string, unknown> }).Payload;
        const answer = take(answers, String(payload['step']), payload['referralId']);
        if (answer === undefined)
          return { ok: false, error: 'Test.NoAnswerScripted', cause: String(payload['step']) };
        if ('error' in answer) return { ok: false, error: String(answer['error']), cause: 'scripted' };
        return ok(answer);
      },
    },
  });
  const record = effects.runTask.bind(effects);
  effects.runTask = (key, request) => {
    tasks.push(request);
    return record(key, request);
  };
  const result = await runExecution({
    definition: gbvDefinition(),
    input: { caseId: CASE_ID },
    execution: {
      Id: `arn:aws:states:eu-west-3:000000000000:execution:gbv-referral:${CASE_ID}`,
      Name: CASE_ID,
      RoleArn: 'arn:aws:iam::000000000000:role/gbv-referral',
      StartTime: '2026-06-01T08:00:00Z',
      RedriveCount: 0,
      Input: { caseId: CASE_ID },
    },
    stateMachine: {
      Id: 'arn:aws:states:eu-west-3:000000000000:stateMachine:gbv-referral',
      Name: 'gbv-referral',
    },
    effects,
  });
  const path = effects.events
    .filter((event) => event.type.endsWith('StateEntered'))
    .map((event) => String((event.details['stateEnteredEventDetails'] as { name: string }).name));
  return {
    status: result.status,
    ...(result.status === 'SUCCEEDED' ? { output: result.output } : {}),
    ...(result.status === 'FAILED' ? { error: result.error, cause: result.cause } : {}),
    tasks,
    events: effects.events,
    path,
  };
}

export const diagnostics = () => validateDefinition(gbvDefinition());

/** Payloads of the callback tasks, in order. */
export const waits = (run: Run) =>
  run.tasks
    .filter((task) => task.resource.endsWith('.waitForTaskToken'))
    .map((task) => (task.parameters as { Payload: Record<string, unknown> }).Payload);
