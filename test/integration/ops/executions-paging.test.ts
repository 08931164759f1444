import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listExecutionsPage } from '../../../local/ops/executions.ts';
import { type DemoEngine, startDemoEngine } from './fixtures/demo-engine.ts';

/** The console's page cursor wraps the engine's own ListExecutions tokens; walk it for real. */
let demo: DemoEngine;

beforeAll(async () => {
  demo = await startDemoEngine();
  demo.faults.reserveKits = false;
  for (let index = 0; index < 5; index += 1) {
    await demo.engine.waitForExecution(
      await demo.start({ allocationId: `ALLOC-${index}`, siteIds: [] }, `alloc-${index}`),
    );
  }
  await demo.start({ householdId: 'HH-1' }, 'review-1', demo.reviewMachineArn);
});

afterAll(async () => {
  await demo?.close();
});

describe('listExecutionsPage against the engine', () => {
  it('walks every execution of every workflow one page at a time, without repeats', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await listExecutionsPage(demo.client, {}, { pageSize: 2, nextToken });
      seen.push(...page.executions.map((execution) => execution.name));
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken && pages < 20);
    expect(seen.sort()).toEqual(['alloc-0', 'alloc-1', 'alloc-2', 'alloc-3', 'alloc-4', 'review-1']);
    expect(pages).toBe(3);
  });

  it('filters one workflow by status, newest first', async () => {
    const page = await listExecutionsPage(demo.client, {
      workflow: 'kit-dispatch-demo',
      status: 'SUCCEEDED',
    });
    expect(page.executions.map((execution) => execution.name)).toEqual([
      'alloc-4',
      'alloc-3',
      'alloc-2',
      'alloc-1',
      'alloc-0',
    ]);
    expect(page.nextToken).toBeUndefined();
  });

  it('stops at --since: nothing started before it is listed', async () => {
    const page = await listExecutionsPage(demo.client, { since: new Date(Date.now() + 60_000) });
    expect(page).toEqual({ executions: [], nextToken: undefined });
  });
});
