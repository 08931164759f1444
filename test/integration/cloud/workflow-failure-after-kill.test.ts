/**
 * The real app (infra/): an intake execution fails, its status change reaches the template's
 * EventBridge rule, and the runtime is SIGKILLed while the workflow-failures function runs for it.
 * The next start delivers the rule's event again from the durable queue, and the household is
 * marked FAILED for the operators, as on AWS where EventBridge and Lambda's async queue keep it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { LocalEndpoints } from '../../../local/cloud/endpoints-file.ts';
import { type LocalCloud, startLocalCloud } from '../../../local/cloud/start-local-cloud.ts';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { cloudClients, eventually, tokenFor } from './cloud-clients.ts';
import { dynamoDbLocalsUsing } from './java-processes.ts';

const shared = inject('appCloud');
const rootDir = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'local-cloud-failure-kill-'));
let child: ChildProcess | undefined;
let running: LocalCloud | undefined;

afterAll(async () => {
  if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Calls the API with a token minted from this data directory's current issuer. */
async function call(endpoints: LocalEndpoints, role: string, method: string, path: string, body?: unknown) {
  const token = await tokenFor(dataDir, { role, username: `failure-kill-${role}` });
  const response = await fetch(`${endpoints.api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const setFault = (endpoints: LocalEndpoints, functionName: string, fault: unknown) =>
  fetch(`${endpoints.api}/_local/faults/${functionName}`, { method: 'PUT', body: JSON.stringify(fault) });

describe('a failed workflow’s status change across a SIGKILL (real app)', () => {
  it('marks the household FAILED after the restart, the rule’s delivery having been cut by the kill', async () => {
    if ('error' in shared) throw new Error(`the local cloud did not start from infra/: ${shared.error}`);
    const screening = shared.functionNames.find((name) => name.includes('FnIntakeScreenHousehold'));
    const recorder = shared.functionNames.find((name) => name.includes('RecordWorkflowFailure'));
    expect(screening).toBeDefined();
    expect(recorder).toBeDefined();

    const args = ['local/cloud/start.ts', '--assembly', shared.assemblyDir, '--synth', 'never'];
    args.push('--data-dir', dataDir);
    for (const flag of ['--api-port', '--identity-port', '--dynamodb-port', '--s3-port', '--sfn-port'])
      args.push(flag, '0');
    child = spawn(process.execPath, args, { cwd: rootDir, stdio: ['ignore', 'ignore', 'ignore'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child!.once('exit', (_code, signal) => resolve(signal)),
    );
    const endpointsFile = join(dataDir, 'endpoints.json');
    const endpoints: LocalEndpoints = await eventually(async () =>
      existsSync(endpointsFile) ? JSON.parse(readFileSync(endpointsFile, 'utf8')) : undefined,
    );

    // Screening throttled past its retries: the intake fails. The workflow-failures function then
    // hangs (a ten-minute timeout fault) on the FAILED event: the kill comes mid-delivery.
    expect((await setFault(endpoints, screening!, { kind: 'throttle' })).ok).toBe(true);
    expect((await setFault(endpoints, recorder!, { kind: 'timeout', afterMs: 600_000, times: 1 })).ok).toBe(
      true,
    );
    const household = aHouseholdCommand();
    const accepted = await call(endpoints, 'intake', 'POST', '/households', {
      ...household,
      location: { ...household.location, site: 'SITE-FAILURE-KILL' },
    });
    expect(accepted.status).toBe(202);
    const { householdId, executionArn } = accepted.body as { householdId: string; executionArn: string };
    const { sfn } = cloudClients(endpoints);
    const failed = await eventually(async () => {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return described.status === 'RUNNING' ? undefined : described;
    }, 90_000);
    sfn.destroy();
    expect(failed.status).toBe('FAILED');
    await eventually(async () => {
      const answer = await fetch(`${endpoints.api}/_local/faults/${recorder}`);
      const { functions } = (await answer.json()) as { functions: unknown[] };
      return functions.length === 0 ? true : undefined;
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    await eventually(async () => ((await dynamoDbLocalsUsing(dataDir)) === 0 ? true : undefined));

    const logged: string[] = [];
    running = await startLocalCloud({
      rootDir,
      assemblyDir: shared.assemblyDir,
      synth: 'never',
      dataDir,
      ports: { api: 0, identity: 0, dynamodb: 0, s3: 0, stepfunctions: 0 },
      log: (message) => logged.push(message),
    });
    expect(logged).toContain('resuming 1 asynchronous delivery left by the last run');
    const restarted = running.endpoints;
    const marked = await eventually(async () => {
      const page = await call(restarted, 'supervisor', 'GET', `/households/${householdId}`);
      const found = page.body['household'] as
        | { status: string; failure?: Record<string, unknown> }
        | undefined;
      return found?.status === 'FAILED' ? found : undefined;
    }, 30_000);
    expect(marked.failure).toMatchObject({ state: 'Screen household', executionArn });
  });
});
