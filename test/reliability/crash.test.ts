/**
 * Crash: 500 households through intake and kit dispatch on a local runtime started as its own
 * process (`npm start`'s entry), SIGKILLed while workflows run, then started again on the same
 * data: every household reaches a settled state, none twice allocated, the stock ledger folds
 * back to its balances.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { ledgerInvariantHolds, reconcileByKitType } from '../../functions/domain/stock/reconcile.ts';
import type { StockBalance, StockMovement } from '../../functions/domain/stock/stock-movement.ts';
import type { LocalEndpoints } from '../../local/cloud/endpoints-file.ts';
import { aHouseholdCommand } from '../fixtures/domain/commands.ts';
import { cloudClients, tokenFor } from '../integration/cloud/cloud-clients.ts';
import { appCloud } from '../integration/hardening/hardening-api.ts';

const HOUSEHOLDS = 500;
/** The runtime is killed once this many households are accepted: intake and workflows are both in flight. */
const KILL_AFTER = 150;
const SITE = 'SITE-CRASH-01';
const SETTLED = new Set(['ELIGIBLE', 'INELIGIBLE', 'PENDING_REVIEW', 'DUPLICATE', 'REVIEW_EXPIRED']);
const shared = appCloud(); // only for the synthesized assembly it already checked
const dataDir = mkdtempSync(join(tmpdir(), 'crash-cloud-'));
const children: ChildProcess[] = [];
/** Ids of the households the API accepted (202), in order. */
const accepted: string[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const ports = { api: 0, identity: 0, dynamodb: 0, s3: 0, sfn: 0 };

/**
 * Starts the runtime on fresh free ports. Another process on this shared machine may take a port
 * between the probe and the bind (the runtime then exits 1): it tries again on new ports.
 */
async function startRuntime(): Promise<ChildProcess> {
  for (let attempt = 1; ; attempt += 1) {
    for (const key of Object.keys(ports) as (keyof typeof ports)[]) ports[key] = await freePort();
    try {
      return await startRuntimeOnce();
    } catch (error) {
      if (attempt === 3 || !(error instanceof RuntimeExitedError)) throw error;
    }
  }
}

class RuntimeExitedError extends Error {
  override name = 'RuntimeExitedError';
}

async function startRuntimeOnce(): Promise<ChildProcess> {
  // The runtime writes endpoints.json once everything is up: its presence is the readiness signal.
  rmSync(join(dataDir, 'endpoints.json'), { force: true });
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'local/cloud/start.ts',
      '--data-dir',
      dataDir,
      '--assembly',
      shared.assemblyDir,
      '--synth',
      'never',
      '--api-port',
      String(ports.api),
      '--identity-port',
      String(ports.identity),
      '--dynamodb-port',
      String(ports.dynamodb),
      '--s3-port',
      String(ports.s3),
      '--sfn-port',
      String(ports.sfn),
    ],
    // Its output (function logs included) goes to a file in the data dir, kept across restarts.
    { stdio: ['ignore', openSync(join(dataDir, 'runtime.log'), 'a'), 'inherit'] },
  );
  children.push(child);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new RuntimeExitedError(`runtime exited with ${child.exitCode}`);
    if (existsSync(join(dataDir, 'endpoints.json'))) return child;
    if (Date.now() > deadline) throw new Error('runtime did not start');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const kill = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

/** The endpoints the runtime chose, as it wrote them for other tools. */
const endpoints = (): LocalEndpoints => JSON.parse(readFileSync(join(dataDir, 'endpoints.json'), 'utf8'));

async function api(role: 'intake' | 'supervisor', method: string, path: string, body?: unknown) {
  const token = await tokenFor(dataDir, { role, username: `crash-${role}` });
  const idempotencyKey = randomUUID();
  // The stage throttle answers 429 to bursts, as API Gateway does; a client backs off and retries.
  let response: Response;
  for (let attempt = 1; ; attempt += 1) {
    response = await fetch(`http://127.0.0.1:${ports.api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'idempotency-key': idempotencyKey,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status !== 429 || attempt === 20) break;
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function household(index: number) {
  const command = aHouseholdCommand();
  command.headOfHousehold.givenName = `Crash${index.toString(36)}${randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 6)}`;
  command.headOfHousehold.familyName = `Keita${index.toString(36)}`;
  command.headOfHousehold.phone = `+223 76${String(index).padStart(6, '0')}`;
  return { ...command, location: { ...command.location, site: SITE } };
}

async function scanAll(filter: string, values: Record<string, string>) {
  const { dynamodb } = cloudClients(endpoints());
  const table = shared.tableNames.find((name) => name.includes('Registry'))!;
  const items: Record<string, unknown>[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: filter,
        ExpressionAttributeValues: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { S: v }])),
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  return items;
}

const profiles = async () =>
  (await scanAll('sk = :p', { ':p': 'PROFILE' })).filter(
    (item) => (item['location'] as { site?: string } | undefined)?.site === SITE,
  );

/** Waits until every accepted household has a final status (or FAILED) or the time is up; returns ms waited. */
async function settle(count: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const statuses = (await profiles())
      .filter((item) => accepted.includes(String(item['householdId'])))
      .map((item) => String(item['status']));
    if (statuses.length === count && statuses.every((status) => SETTLED.has(status) || status === 'FAILED'))
      return Date.now() - started;
    if (Date.now() - started > timeoutMs) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

describe('crash of the local runtime mid-run (SIGKILL)', () => {
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) await kill(child);
  });

  it('brings 500 households to a settled state after a SIGKILL, without doubled allocations, ledger reconciled', async () => {
    let runtime = await startRuntime();

    const received = await api('supervisor', 'POST', `/sites/${SITE}/stock/receipts`, {
      lines: [
        { kitType: 'FOOD', quantity: 400 },
        { kitType: 'HYGIENE', quantity: 400 },
        { kitType: 'SOAP', quantity: 2000 },
        { kitType: 'DIGNITY', quantity: 800 },
      ],
    });
    expect(received.status).toBeLessThan(300);

    const ids = accepted;
    let next = 0;
    // Workers take indexes until `stopAt`; a request already sent is awaited, so every household
    // the test counts has a known id and none is half-submitted when the runtime dies.
    const submit = async (stopAt: number) => {
      const worker = async () => {
        while (next < stopAt) {
          const index = next++;
          const accepted = await api('intake', 'POST', '/households', household(index));
          expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
          ids.push(String(accepted.body.householdId));
        }
      };
      await Promise.all(Array.from({ length: 20 }, worker));
    };
    await submit(KILL_AFTER);
    expect(ids).toHaveLength(KILL_AFTER);

    // Kill at once, while the workflows of the households just accepted are still running.
    const beforeKill = (await profiles()).filter((item) => ids.includes(String(item['householdId'])));
    const settledBeforeKill = beforeKill.filter((item) => SETTLED.has(String(item['status']))).length;
    await kill(runtime);
    console.info(
      'crash test: killed with',
      ids.length,
      'accepted,',
      beforeKill.length,
      'profiles stored,',
      settledBeforeKill,
      'settled',
    );
    // The kill must land mid-run: some accepted households had not settled yet.
    expect(settledBeforeKill).toBeLessThan(KILL_AFTER);

    runtime = await startRuntime();
    // The restarted runtime first resumes the interrupted executions, then takes the rest. Some
    // tasks run twice (their answer was lost with the process): each step answers a replay with
    // what it stored.
    const resumed = await settle(KILL_AFTER, 300_000);
    console.info('crash test: resumed executions settled in', resumed, 'ms');
    await submit(HOUSEHOLDS);
    expect(ids).toHaveLength(HOUSEHOLDS);
    expect(new Set(ids).size).toBe(HOUSEHOLDS);
    await settle(HOUSEHOLDS, 600_000);
    const statuses = (await profiles())
      .filter((item) => ids.includes(String(item['householdId'])))
      .map((item) => String(item['status']));
    const tally: Record<string, number> = {};
    for (const status of statuses) tally[status] = (tally[status] ?? 0) + 1;
    console.info('crash test: after restart', tally);
    expect(statuses).toHaveLength(HOUSEHOLDS);
    expect(statuses.filter((status) => !SETTLED.has(status))).toEqual([]);

    // No household allocated twice in a round; allocations only for eligible households. Kit
    // dispatch starts as intake ends, so the last allocations may land just after the statuses.
    const allocationsOfSite = () =>
      scanAll('begins_with(sk, :a) AND siteId = :site', { ':a': 'ALLOC#', ':site': SITE });
    let allocations = await allocationsOfSite();
    for (
      const until = Date.now() + 120_000;
      new Set(allocations.map((a) => a['householdId'])).size < (tally.ELIGIBLE ?? 0) && Date.now() < until;
    ) {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      allocations = await allocationsOfSite();
    }
    const perHousehold = new Map<string, number>();
    for (const allocation of allocations) {
      const key = `${allocation['householdId']}|${allocation['round']}`;
      perHousehold.set(key, (perHousehold.get(key) ?? 0) + 1);
    }
    expect([...perHousehold.values()].filter((count) => count > 1)).toEqual([]);
    expect(perHousehold.size).toBe(tally.ELIGIBLE ?? 0);

    // The ledger folds back to the stored balances, and stock never went below zero.
    const { dynamodb } = cloudClients(endpoints());
    const stock = await dynamodb.send(
      new QueryCommand({
        TableName: shared.tableNames.find((name) => name.includes('Registry'))!,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `STOCK#${SITE}` } },
        ConsistentRead: true,
      }),
    );
    const items = (stock.Items ?? []).map((item) => unmarshall(item));
    expect(stock.LastEvaluatedKey).toBeUndefined();
    const movements = items.filter((item) =>
      String(item['sk']).startsWith('MOVE#'),
    ) as unknown as StockMovement[];
    const folded = reconcileByKitType(movements.sort((a, b) => a.at.localeCompare(b.at)));
    for (const balance of items.filter((item) =>
      String(item['sk']).startsWith('KIT#'),
    ) as unknown as StockBalance[]) {
      const kitType = (balance as unknown as { kitType: string }).kitType;
      expect({ kitType, available: balance.available, reserved: balance.reserved }).toEqual({
        kitType,
        available: folded[kitType]?.available,
        reserved: folded[kitType]?.reserved,
      });
      expect(ledgerInvariantHolds(balance)).toBe(true);
      expect(balance.available).toBeGreaterThanOrEqual(0);
    }
  }, 1_200_000);
});
