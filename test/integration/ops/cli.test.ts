import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../local/ops/run-cli.ts';
import { type DemoEngine, startDemoEngine } from './fixtures/demo-engine.ts';

/** The ops CLI against a real engine server: Step Functions API over HTTP, nothing mocked. */
let demo: DemoEngine;
let failedArn: string;

async function ops(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status: string[] = [];
  const code = await runCli([...argv, '--endpoint', demo.endpoint], {
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    status: (text) => status.push(text),
    env: {},
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n'), status };
}

beforeAll(async () => {
  demo = await startDemoEngine();
  failedArn = await demo.start(
    { allocationId: 'ALLOC-0001', siteIds: ['SITE-001', 'SITE-002'] },
    'alloc-0001',
  );
  await demo.engine.waitForExecution(failedArn);
});

afterAll(async () => {
  await demo?.close();
});

describe('ops CLI against the local engine', () => {
  it('finds the failed execution with executions --status FAILED --json', async () => {
    const result = await ops('executions', '--status', 'FAILED', '--json');
    expect(result.code).toBe(0);
    const { executions } = JSON.parse(result.stdout);
    expect(executions).toEqual([
      expect.objectContaining({ executionArn: failedArn, workflow: 'kit-dispatch-demo', status: 'FAILED' }),
    ]);
  });

  it('shows the failing task and its error in the history table', async () => {
    const result = await ops('history', failedArn);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('alloc-0001  FAILED  StockLedgerUnavailable');
    expect(result.stdout).toMatch(/TaskStateEntered\s+Reserve kits/);
    expect(result.stdout).toMatch(/TaskFailed\s+.*StockLedgerUnavailable/);
  });

  it('redrives it to success once the fault is gone, with progress while waiting', async () => {
    demo.faults.reserveKits = false;
    const result = await ops('redrive', failedArn, '--wait');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Status: SUCCEEDED');
    expect(result.status.some((line) => /^\[[#-]+\] +\d+\/12 states/.test(line))).toBe(true);
    const after = JSON.parse((await ops('executions', '--workflow', 'kit-dispatch-demo', '--json')).stdout);
    expect(after.executions[0]).toMatchObject({
      executionArn: failedArn,
      status: 'SUCCEEDED',
      redriveCount: 1,
    });
    const history = JSON.parse((await ops('history', failedArn, '--json')).stdout);
    expect(history.events.map((event: { type: string }) => event.type)).toContain('ExecutionRedriven');
  });

  it('lists an overdue GBV follow-up by case id only', async () => {
    const arn = await demo.start({ caseId: 'GBV-0042' }, 'follow-up-gbv-0042', demo.followUpMachineArn);
    // The follow-up's heartbeat lapses after a second; the workflow reminds and waits again.
    await expect
      .poll(async () => JSON.parse((await ops('overdue', '--json')).stdout).gbvFollowUpsOverdue, {
        timeout: 15_000,
        interval: 500,
      })
      .toEqual({ count: 1, caseIds: ['GBV-0042'] });
    await ops('stop', arn);
  });

  it('machines counts executions by status', async () => {
    const result = await ops('machines');
    expect(result.stdout).toMatch(/kit-dispatch-demo\s+STANDARD\s+0\s+1\s+0/);
  });

  it('runs as `npm run ops` reads AWS_ENDPOINT_URL_SFN, as the SDK does', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'local/ops/cli.ts', 'executions', '--json'], {
      env: { ...process.env, AWS_ENDPOINT_URL_SFN: demo.endpoint },
    });
    const names = JSON.parse(stdout).executions.map((execution: { name: string }) => execution.name);
    expect(names).toContain('alloc-0001');
  });
});
