/**
 * Cost per household on AWS from what the cost scenario measured (bench/cost-run.ts), phase by
 * phase: state transitions and retries (execution histories, split by the phases' time windows),
 * Lambda invocations and GB-seconds (each sandbox's own time, at the function's template memory),
 * DynamoDB capacity the functions consumed (ReturnConsumedCapacity through the metering proxy)
 * plus the workflows' own DynamoDB integrations (from the histories), S3 requests, and the API
 * requests staff made. Pure: the run comes in, figures go out.
 */
import { type CohortMeasure, type CostRun, PHASES, type PhaseName } from './cost-run.ts';
import {
  addUsage,
  costBreakdown,
  gbSeconds,
  NO_USAGE,
  scaleUsage,
  totalCost,
  type Usage,
} from './lib/cost-model.ts';
import { executionUsage } from './lib/execution-usage.ts';
import { median } from './lib/stats.ts';

export const GOAL_PER_THOUSAND = 0.3;

export interface WorkflowFigures {
  executions: number;
  transitions: number;
  retries: number;
  lambdaTasks: number;
  transitionsByPhase: Record<PhaseName, number>;
  paths: Record<string, number>;
}

export interface FunctionFigures {
  invocations: number;
  cold: number;
  medianMs: number;
  gbSeconds: number;
  /** What this function asked of DynamoDB and S3 (the meters know callers by endpoint path). */
  dynamoWriteUnits: number;
  dynamoReadUnits: number;
  s3Requests: number;
  /** Lambda tasks of this function in the histories (undefined: not a workflow task, e.g. an API route). */
  historyTasks?: number;
}

export interface CostResults {
  round: string;
  sites: number;
  perSite: number;
  warmUpHouseholds: number;
  assemblySynthesizedAt: string;
  households: CostRun['households'];
  /** Usage of each phase, for the whole cohort. */
  phases: Record<PhaseName, Usage>;
  /** A household registered (intake and kit dispatch until it waits for stock). */
  registeredOnly: Usage;
  /** What serving adds per household served: stock receipt, reservation, voucher, confirmation. */
  serving: Usage | null;
  /** Intake to confirmed distribution, per household served. */
  served: Usage | null;
  perThousand: { registeredOnly: Record<keyof Usage, number>; served: Record<keyof Usage, number> | null };
  totalPerThousand: { registeredOnly: number; served: number | null };
  byWorkflow: Record<string, WorkflowFigures>;
  lambdaByFunction: Record<string, FunctionFigures>;
  apiByRoute: Record<string, Record<PhaseName, number>>;
  /** The workflows' own service integrations (not Lambda), whole cohort, by `resourceType:resource`. */
  serviceCalls: Record<string, number>;
  dynamoOperations: Record<PhaseName, Record<string, number>>;
  /** A second cohort whose sites had their kits before anyone registered: no waitlist. */
  stockOnHand: {
    households: CohortMeasure['households'];
    /** Every phase, per household served. */
    served: Usage | null;
    perThousand: Record<keyof Usage, number> | null;
    totalPerThousand: number | null;
    transitionsByWorkflow: Record<string, number>;
  } | null;
  /** What CloudWatch Logs would ingest, as far as it can be measured here (not priced). */
  logs: {
    functionBytes: Record<PhaseName, number>;
    historyEvents: Record<PhaseName, number>;
  };
  /** Where the meters and the histories disagree, or the run went differently from the plan. */
  problems: string[];
  stillRunning: number;
}

const READ_INTEGRATIONS = /^dynamodb:(getItem|query|scan|batchGetItem)/;
const WRITE_INTEGRATIONS = /^dynamodb:(putItem|updateItem|deleteItem|batchWriteItem)/;

const zeroByPhase = (): Record<PhaseName, number> => ({ registration: 0, stock: 0, distribution: 0 });

function countIntegrations(serviceCalls: Record<string, number>, pattern: RegExp): number {
  return Object.entries(serviceCalls)
    .filter(([key]) => pattern.test(key))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** The usage of one phase: histories inside its window, and what the meters saw in it. */
export function phaseUsage(
  cohort: CohortMeasure,
  functionMemoryMb: Record<string, number>,
  name: PhaseName,
): Usage {
  const phase = cohort.phases.find((candidate) => candidate.name === name);
  if (!phase) return { ...NO_USAGE };
  let usage: Usage = { ...NO_USAGE };
  for (const history of cohort.histories) {
    const measured = executionUsage(history.events, phase.window);
    usage = addUsage(usage, {
      stateTransitions: measured.stateTransitions,
      // The workflows' own DynamoDB calls are not metered: 1 unit each (items ≤ 4 KB read, ≤ 1 KB written).
      dynamoReadUnits: countIntegrations(measured.serviceCalls, READ_INTEGRATIONS),
      dynamoWriteUnits: countIntegrations(measured.serviceCalls, WRITE_INTEGRATIONS),
    });
  }
  const lambdaGbSeconds = phase.lambda.reduce((sum, call) => {
    const memory = functionMemoryMb[call.functionName];
    if (memory === undefined) throw new Error(`no template memory for ${call.functionName}`);
    return sum + gbSeconds(call.durationMs, memory);
  }, 0);
  return addUsage(usage, {
    lambdaInvocations: phase.lambda.length,
    lambdaGbSeconds,
    dynamoReadUnits: phase.metered.dynamoReadUnits,
    dynamoWriteUnits: phase.metered.dynamoWriteUnits,
    s3Reads: phase.metered.s3Reads,
    s3Writes: phase.metered.s3Writes,
    httpApiRequests: phase.api.length,
  });
}

function workflowFigures(run: CostRun): Record<string, WorkflowFigures> {
  const byWorkflow: Record<string, WorkflowFigures> = {};
  for (const history of run.histories) {
    const measured = executionUsage(history.events);
    const row = byWorkflow[history.stateMachine] ?? {
      executions: 0,
      transitions: 0,
      retries: 0,
      lambdaTasks: 0,
      transitionsByPhase: zeroByPhase(),
      paths: {},
    };
    row.executions += 1;
    row.transitions += measured.stateTransitions;
    row.retries += measured.retries;
    row.lambdaTasks += measured.lambdaInvocations.length;
    const path = measured.path.join(' → ');
    row.paths[path] = (row.paths[path] ?? 0) + 1;
    for (const phase of run.phases)
      row.transitionsByPhase[phase.name] += executionUsage(history.events, phase.window).stateTransitions;
    byWorkflow[history.stateMachine] = row;
  }
  return byWorkflow;
}

function functionFigures(run: CostRun): { byFunction: Record<string, FunctionFigures>; problems: string[] } {
  const calls = run.phases.flatMap((phase) => phase.lambda);
  const historyTasks: Record<string, number> = {};
  for (const history of run.histories)
    for (const task of executionUsage(history.events).lambdaInvocations)
      historyTasks[task.functionName] = (historyTasks[task.functionName] ?? 0) + 1;
  const callers = run.phases.map((phase) => phase.metered.byCaller ?? {});
  const byFunction: Record<string, FunctionFigures> = {};
  for (const name of new Set(calls.map((call) => call.functionName))) {
    const own = calls.filter((call) => call.functionName === name);
    const memory = run.functionMemoryMb[name] ?? 0;
    const metered = (field: 'dynamoWriteUnits' | 'dynamoReadUnits' | 's3Reads' | 's3Writes') =>
      callers.reduce((sum, byCaller) => sum + (byCaller[name]?.[field] ?? 0), 0);
    byFunction[name] = {
      invocations: own.length,
      cold: own.filter((call) => call.cold).length,
      medianMs: median(own.map((call) => call.durationMs)),
      gbSeconds: own.reduce((sum, call) => sum + gbSeconds(call.durationMs, memory), 0),
      dynamoWriteUnits: metered('dynamoWriteUnits'),
      dynamoReadUnits: metered('dynamoReadUnits'),
      s3Requests: metered('s3Reads') + metered('s3Writes'),
      ...(historyTasks[name] !== undefined ? { historyTasks: historyTasks[name] } : {}),
    };
  }
  const problems = Object.entries(historyTasks)
    .filter(([name, tasks]) => (byFunction[name]?.invocations ?? 0) !== tasks)
    .map(
      ([name, tasks]) =>
        `${name}: ${tasks} Lambda tasks in the histories, ${byFunction[name]?.invocations ?? 0} invocations metered`,
    );
  return { byFunction, problems };
}

function stockOnHandFigures(
  cohort: CohortMeasure,
  functionMemoryMb: Record<string, number>,
): NonNullable<CostResults['stockOnHand']> {
  const total = PHASES.reduce((sum, name) => addUsage(sum, phaseUsage(cohort, functionMemoryMb, name)), {
    ...NO_USAGE,
  });
  const served = perUnit(total, cohort.households.confirmed);
  const transitionsByWorkflow: Record<string, number> = {};
  for (const history of cohort.histories)
    transitionsByWorkflow[history.stateMachine] =
      (transitionsByWorkflow[history.stateMachine] ?? 0) + executionUsage(history.events).stateTransitions;
  return {
    households: cohort.households,
    served,
    perThousand: served ? costBreakdown(served) : null,
    totalPerThousand: served ? totalCost(served) : null,
    transitionsByWorkflow,
  };
}

const perUnit = (usage: Usage, units: number): Usage | null =>
  units > 0 ? scaleUsage(usage, 1 / units) : null;

export function costFromRun(run: CostRun): CostResults {
  const { registered, confirmed } = run.households;
  if (registered === 0) throw new Error('the cost scenario registered no household');
  const phases = Object.fromEntries(
    PHASES.map((name) => [name, phaseUsage(run, run.functionMemoryMb, name)]),
  ) as Record<PhaseName, Usage>;
  const registeredOnly = scaleUsage(phases.registration, 1 / registered);
  const serving = perUnit(addUsage(phases.stock, phases.distribution), confirmed);
  const served = serving ? addUsage(registeredOnly, serving) : null;
  const apiByRoute: CostResults['apiByRoute'] = {};
  for (const phase of run.phases)
    for (const request of phase.api) {
      apiByRoute[request.route] ??= zeroByPhase();
      apiByRoute[request.route]![phase.name] += 1;
    }
  const { byFunction, problems } = functionFigures(run);
  const serviceCalls: Record<string, number> = {};
  for (const history of run.histories)
    for (const [key, count] of Object.entries(executionUsage(history.events).serviceCalls))
      serviceCalls[key] = (serviceCalls[key] ?? 0) + count;
  const historyEvents = zeroByPhase();
  const stockOnHand = run.stockOnHand ? stockOnHandFigures(run.stockOnHand, run.functionMemoryMb) : null;
  for (const phase of run.phases)
    for (const history of run.histories)
      historyEvents[phase.name] += executionUsage(history.events, phase.window).events;
  const functionBytes = zeroByPhase();
  for (const phase of run.phases) functionBytes[phase.name] = phase.logBytes;
  return {
    round: run.round,
    sites: run.sites,
    perSite: run.perSite,
    warmUpHouseholds: run.warmUpHouseholds,
    assemblySynthesizedAt: run.assemblySynthesizedAt,
    households: run.households,
    phases,
    registeredOnly,
    serving,
    served,
    perThousand: {
      registeredOnly: costBreakdown(registeredOnly),
      served: served ? costBreakdown(served) : null,
    },
    totalPerThousand: {
      registeredOnly: totalCost(registeredOnly),
      served: served ? totalCost(served) : null,
    },
    byWorkflow: workflowFigures(run),
    lambdaByFunction: byFunction,
    apiByRoute,
    serviceCalls,
    stockOnHand,
    logs: { functionBytes, historyEvents },
    dynamoOperations: Object.fromEntries(
      run.phases.map((phase) => [phase.name, phase.metered.dynamoOperations]),
    ) as Record<PhaseName, Record<string, number>>,
    problems: [
      ...run.problems,
      ...problems,
      ...(confirmed < registered
        ? [
            `${registered - confirmed} of ${registered} households registered were not served to a confirmed distribution`,
          ]
        : []),
      ...(run.stillRunning > 0 ? [`${run.stillRunning} executions still running at the end`] : []),
      ...(run.stockOnHand && run.stockOnHand.households.confirmed < run.stockOnHand.households.registered
        ? [
            `stock on hand: ${run.stockOnHand.households.registered - run.stockOnHand.households.confirmed} of ${run.stockOnHand.households.registered} households were not served`,
          ]
        : []),
      ...(run.stockOnHand && run.stockOnHand.stillRunning > 0
        ? [`stock on hand: ${run.stockOnHand.stillRunning} executions still running at the end`]
        : []),
    ],
    stillRunning: run.stillRunning,
  };
}
