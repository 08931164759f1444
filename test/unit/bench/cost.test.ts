import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { costFromRun } from '../../../bench/cost.ts';
import { type CostRun, type PhaseMeasure, waitlistDemand } from '../../../bench/cost-run.ts';
import { emptyCounts } from '../../../bench/lib/request-meter.ts';

const T0 = Date.UTC(2026, 10, 27);
const at = (ms: number) => new Date(T0 + ms);

/** One kit-dispatch-like history: a state and a Lambda task in registration, one state in stock. */
function dispatchHistory(): HistoryEvent[] {
  const lambda = JSON.stringify({ FunctionName: 'arn:aws:lambda:us-east-1:1:function:reserve' });
  return [
    { id: 1, type: 'ExecutionStarted', timestamp: at(0) },
    {
      id: 2,
      previousEventId: 1,
      type: 'TaskStateEntered',
      timestamp: at(1),
      stateEnteredEventDetails: { name: 'Reserve' },
    },
    {
      id: 3,
      previousEventId: 2,
      type: 'TaskScheduled',
      timestamp: at(2),
      taskScheduledEventDetails: {
        resourceType: 'lambda',
        resource: 'invoke.waitForTaskToken',
        region: 'us-east-1',
        parameters: lambda,
      },
    },
    { id: 4, previousEventId: 3, type: 'TaskStarted', timestamp: at(3) },
    { id: 5, previousEventId: 4, type: 'TaskSucceeded', timestamp: at(1500) },
    {
      id: 6,
      previousEventId: 5,
      type: 'SucceedStateEntered',
      timestamp: at(1501),
      stateEnteredEventDetails: { name: 'Done' },
    },
  ] as HistoryEvent[];
}

function phase(
  name: PhaseMeasure['name'],
  from: number,
  to: number,
  extra: Partial<PhaseMeasure> = {},
): PhaseMeasure {
  return {
    name,
    window: { from: T0 + from, to: T0 + to },
    metered: emptyCounts(),
    api: [],
    lambda: [],
    logBytes: 0,
    settle: { settled: true, running: 0, parked: 0 },
    ...extra,
  };
}

function aRun(overrides: Partial<CostRun> = {}): CostRun {
  return {
    round: '2026-R2',
    sites: 1,
    perSite: 2,
    households: { registered: 2, waitlisted: 2, reservedWithVoucher: 2, confirmed: 2 },
    phases: [
      phase('registration', 0, 1000, {
        metered: { ...emptyCounts(), dynamoWriteUnits: 10, dynamoReadUnits: 4 },
        api: [
          { route: 'POST /households', at: T0 + 10, status: 202 },
          { route: 'POST /households', at: T0 + 20, status: 202 },
        ],
        lambda: [
          { functionName: 'reserve', startedAt: T0 + 3, durationMs: 1000, cold: true },
          { functionName: 'reserve', startedAt: T0 + 4, durationMs: 1000, cold: false },
        ],
      }),
      phase('stock', 1000, 2000, {
        metered: { ...emptyCounts(), dynamoWriteUnits: 6, s3Writes: 2 },
        api: [{ route: 'POST /sites/{siteId}/stock/receipts', at: T0 + 1200, status: 201 }],
      }),
      phase('distribution', 2000, 3000),
    ],
    histories: [
      { stateMachine: 'kit-dispatch', executionArn: 'a', events: dispatchHistory() },
      { stateMachine: 'kit-dispatch', executionArn: 'b', events: dispatchHistory() },
    ],
    functionMemoryMb: { reserve: 1024 },
    stillRunning: 0,
    warmUpHouseholds: 0,
    assemblySynthesizedAt: '2026-11-27T00:00:00.000Z',
    stockOnHand: null,
    problems: [],
    ...overrides,
  };
}

describe('costFromRun', () => {
  it('prices registration per household registered and serving per household served', () => {
    const results = costFromRun(aRun());
    expect(results.registeredOnly).toMatchObject({
      stateTransitions: 1, // "Reserve" entered in the registration window
      lambdaInvocations: 1,
      lambdaGbSeconds: 1, // 1,000 ms at 1 GB
      dynamoWriteUnits: 5,
      dynamoReadUnits: 2,
      httpApiRequests: 1,
    });
    expect(results.serving).toMatchObject({
      stateTransitions: 1, // "Done" entered in the stock window
      dynamoWriteUnits: 3,
      s3Writes: 1,
      httpApiRequests: 0.5,
    });
    expect(results.served?.stateTransitions).toBe(2);
    expect(results.totalPerThousand.served).toBeGreaterThan(results.totalPerThousand.registeredOnly);
    expect(results.byWorkflow['kit-dispatch']).toMatchObject({
      executions: 2,
      transitions: 4,
      lambdaTasks: 2,
      transitionsByPhase: { registration: 2, stock: 2, distribution: 0 },
    });
    expect(results.lambdaByFunction['reserve']).toMatchObject({ invocations: 2, cold: 1, historyTasks: 2 });
    expect(results.apiByRoute['POST /households']).toEqual({ registration: 2, stock: 0, distribution: 0 });
    expect(results.problems).toEqual([]);
  });

  it('prices the stock-on-hand cohort per household served, every phase together', () => {
    const { stockOnHand: _none, ...cohort } = aRun();
    const results = costFromRun(
      aRun({
        stockOnHand: {
          households: { registered: 2, waitlisted: 0, reservedWithVoucher: 1, confirmed: 1 },
          phases: cohort.phases,
          histories: cohort.histories,
          stillRunning: 0,
        },
      }),
    );
    // All four transitions and the 16 WRU of both histories and phases, for the one household served.
    expect(results.stockOnHand?.served).toMatchObject({ stateTransitions: 4, dynamoWriteUnits: 16 });
    expect(results.stockOnHand?.transitionsByWorkflow).toEqual({ 'kit-dispatch': 4 });
    expect(results.problems).toContain('stock on hand: 1 of 2 households were not served');
  });

  it('says when households were not served and serving cannot be priced', () => {
    const results = costFromRun(
      aRun({ households: { registered: 2, waitlisted: 2, reservedWithVoucher: 0, confirmed: 0 } }),
    );
    expect(results.serving).toBeNull();
    expect(results.totalPerThousand.served).toBeNull();
    expect(results.problems).toContain(
      '2 of 2 households registered were not served to a confirmed distribution',
    );
  });

  it('reports Lambda tasks of the histories the meter did not see', () => {
    const run = aRun();
    run.phases[0]!.lambda = run.phases[0]!.lambda.slice(0, 1);
    expect(costFromRun(run).problems).toContain(
      'reserve: 2 Lambda tasks in the histories, 1 invocations metered',
    );
  });

  it('refuses to price a function whose memory the template does not give', () => {
    expect(() => costFromRun(aRun({ functionMemoryMb: {} }))).toThrow(/no template memory for reserve/);
  });
});

describe('waitlistDemand', () => {
  it('sums the kit lines of the allocations waiting for stock, and only those', () => {
    const row = (status: string, kits: { kitType: string; quantity: number }[]) => ({
      allocationId: 'a',
      householdId: 'h',
      status,
      voucherCode: null,
      kits,
    });
    expect(
      waitlistDemand([
        row('WAITLISTED', [
          { kitType: 'FOOD', quantity: 2 },
          { kitType: 'SOAP', quantity: 1 },
        ]),
        row('WAITLISTED', [{ kitType: 'FOOD', quantity: 3 }]),
        row('RESERVED', [{ kitType: 'FOOD', quantity: 9 }]),
      ]),
    ).toEqual([
      { kitType: 'FOOD', quantity: 5 },
      { kitType: 'SOAP', quantity: 1 },
    ]);
  });
});
