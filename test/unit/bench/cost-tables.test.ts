import { describe, expect, it } from 'vitest';
import type { CostResults } from '../../../bench/cost.ts';
import { costTables } from '../../../bench/cost-tables.ts';
import { NO_USAGE, PRICES_AS_OF } from '../../../bench/lib/cost-model.ts';
import { renderSection } from '../../../bench/lib/markdown.ts';

function results(overrides: Partial<CostResults> = {}): CostResults {
  const usage = { ...NO_USAGE, stateTransitions: 7, httpApiRequests: 2 };
  return {
    round: '2026-R2',
    sites: 4,
    perSite: 16,
    warmUpHouseholds: 8,
    assemblySynthesizedAt: '2026-11-27T00:00:00.000Z',
    households: { registered: 64, waitlisted: 64, reservedWithVoucher: 64, confirmed: 64 },
    phases: { registration: usage, stock: usage, distribution: usage },
    registeredOnly: usage,
    serving: usage,
    served: { ...usage, stateTransitions: 14, httpApiRequests: 4 },
    perThousand: {
      registeredOnly: { ...NO_USAGE, stateTransitions: 0.175, httpApiRequests: 0.002 },
      served: { ...NO_USAGE, stateTransitions: 0.35, httpApiRequests: 0.004 },
    },
    totalPerThousand: { registeredOnly: 0.177, served: 0.354 },
    byWorkflow: {
      'CaseworkService-WorkflowkitdispatchStateMachine1': {
        executions: 64,
        transitions: 256,
        retries: 0,
        lambdaTasks: 192,
        transitionsByPhase: { registration: 192, stock: 64, distribution: 0 },
        paths: { 'Compute entitlement → Reserve kits': 64 },
      },
    },
    lambdaByFunction: {},
    apiByRoute: { 'POST /households': { registration: 64, stock: 0, distribution: 0 } },
    serviceCalls: { 'states:startExecution': 64 },
    stockOnHand: {
      households: { registered: 64, waitlisted: 0, reservedWithVoucher: 64, confirmed: 64 },
      served: { ...usage, stateTransitions: 7 },
      perThousand: { ...NO_USAGE, stateTransitions: 0.175 },
      totalPerThousand: 0.175,
      transitionsByWorkflow: { 'CaseworkService-WorkflowkitdispatchStateMachine1': 256 },
    },
    logs: {
      functionBytes: { registration: 6400, stock: 0, distribution: 640 },
      historyEvents: { registration: 1280, stock: 320, distribution: 320 },
    },
    dynamoOperations: { registration: {}, stock: {}, distribution: {} },
    problems: [],
    stillRunning: 0,
    ...overrides,
  };
}

describe('costTables', () => {
  it('states the prices and their date, the goal verdict and the cohort measured', () => {
    const text = costTables(results()).map(renderSection).join('\n');
    expect(text).toContain(PRICES_AS_OF);
    expect(text).toContain('$0.0000133334 per GB-s');
    expect(text).toContain('NOT met, by $0.054');
    expect(text).toContain('64 households registered through POST /households on 4 sites of 16');
    expect(text).toContain('| kitdispatchStateMachine1 | 64 | 4 | 0 | 3 | 192 | 64 | 0 |');
    expect(text).toContain('| **total** | – | – | 0.354 | 0.175 |');
    expect(text).toContain('Transitions per household served: kitdispatchStateMachine1 4.');
    expect(text).toContain('wrote 100 bytes of logs a household registered and 10 more a household served');
    expect(text).toContain('(20 events a household registered, 10 more a household served)');
  });

  it('says when the goal verdict turns on the machine-dependent Lambda duration', () => {
    const served = { ...NO_USAGE, stateTransitions: 10, lambdaGbSeconds: 10 }; // $0.25 + $0.133 per 1,000
    const text = costTables(
      results({
        served,
        perThousand: {
          registeredOnly: { ...NO_USAGE },
          served: { ...NO_USAGE, stateTransitions: 0.25, lambdaGbSeconds: 0.133 },
        },
        totalPerThousand: { registeredOnly: 0.1, served: 0.383 },
      }),
    )
      .map(renderSection)
      .join('\n');
    expect(text).toContain(
      'the verdict turns on Lambda GB-seconds, which depend on this loaded machine: from counts alone the total is $0.25',
    );
  });

  it('says plainly when nothing reached a distribution and lists the problems', () => {
    const text = costTables(
      results({
        serving: null,
        served: null,
        perThousand: { registeredOnly: { ...NO_USAGE }, served: null },
        totalPerThousand: { registeredOnly: 0.1, served: null },
        problems: ['stock receipt at SITE-A → 500'],
      }),
    )
      .map(renderSection)
      .join('\n');
    expect(text).toContain('not measured: no household reached a confirmed distribution');
    expect(text).toContain('**Problem:** stock receipt at SITE-A → 500');
  });
});
