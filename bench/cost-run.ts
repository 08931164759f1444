/**
 * The whole path of a household on the local runtime, driven as staff drive it through the API:
 * registration (POST /households), stock receipt at each site (POST /sites/{siteId}/stock/receipts,
 * sized from the distribution list), kit dispatch reserving and issuing vouchers, then the
 * distribution confirmation with the voucher code (POST /allocations/{allocationId}/confirmation),
 * until the kit-dispatch executions end. Each phase is metered on its own: Lambda invocations
 * (sandbox time), DynamoDB capacity and S3 requests through counting proxies, API requests, and
 * the execution histories split by the phases' time windows.
 */
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import { distributionSettings } from '../functions/allocations/kit-config.ts';
import { currentRound } from '../functions/domain/kits/distribution-settings.ts';
import { readIssuers } from '../local/cloud/identity/issuers.ts';
import { mintToken } from '../local/cloud/identity/mint-token.ts';
import { loadOrCreateSigningKey } from '../local/cloud/identity/signing-key.ts';
import { getFullHistory } from '../local/ops/history.ts';
import { type ApiClient, type ApiRequestRecord, createApiClient } from './lib/api-client.ts';
import { cohortHousehold, letters, siteOf } from './lib/cohort-households.ts';
import type { TimeWindow } from './lib/execution-usage.ts';
import { type MeteredInvocation, startLambdaMeter } from './lib/lambda-meter.ts';
import { startMeteredCloud } from './lib/metered-cloud.ts';
import { startOutputMeter } from './lib/output-meter.ts';
import { combineMeters, type MeterCounts } from './lib/request-meter.ts';
import { executionsSince, type SettleOutcome, waitUntilSettled } from './lib/settle.ts';

export const PHASES = ['registration', 'stock', 'distribution'] as const;
export type PhaseName = (typeof PHASES)[number];

export interface PhaseMeasure {
  name: PhaseName;
  window: TimeWindow;
  /** What the functions asked of DynamoDB and S3 in the phase (the counting proxies). */
  metered: MeterCounts;
  api: ApiRequestRecord[];
  lambda: MeteredInvocation[];
  /** Bytes the functions wrote to their logs (the sandboxes' stdout and stderr). */
  logBytes: number;
  settle: SettleOutcome;
}

/** One cohort of households run through the whole path, phase by phase. */
export interface CohortMeasure {
  households: {
    registered: number;
    waitlisted: number;
    reservedWithVoucher: number;
    confirmed: number;
  };
  phases: PhaseMeasure[];
  histories: { stateMachine: string; executionArn: string; events: HistoryEvent[] }[];
  /** Executions of the cohort still running at the end (none expected). */
  stillRunning: number;
}

/**
 * The measured cohort: registered, waitlisted (no stock yet), served by a receipt, confirmed.
 * `stockOnHand` is a second cohort whose site received its kits before anyone registered.
 */
export interface CostRun extends CohortMeasure {
  round: string;
  sites: number;
  perSite: number;
  functionMemoryMb: Record<string, number>;
  warmUpHouseholds: number;
  /** When cdk.out was synthesized: the definitions and bundles measured are those (the bench does not synthesize). */
  assemblySynthesizedAt: string;
  stockOnHand: CohortMeasure | null;
  /** What went differently from the plan, said plainly in the report. */
  problems: string[];
}

interface DistributionListRow {
  allocationId: string;
  householdId: string;
  status: string;
  voucherCode: string | null;
  kits: { kitType: string; quantity: number }[];
}

const PHASE_DEADLINE_MS = 240_000;
const CLIENTS = 4;

async function inParallel<T>(items: readonly T[], clients: number, job: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(clients, items.length) }, async () => {
      while (next < items.length) await job(items[next++]!);
    }),
  );
}

const distributionList = async (api: ApiClient, token: string, site: string, round: string) => {
  const answer = await api.call<{ rows: DistributionListRow[] }>(
    'GET /sites/{siteId}/rounds/{round}/distribution-list',
    { path: `/sites/${site}/rounds/${round}/distribution-list`, token },
  );
  if (answer.status !== 200) throw new Error(`distribution list of ${site}: ${answer.status} ${answer.text}`);
  return answer.body.rows;
};

type KitLines = { kitType: string; quantity: number }[];

/** The histories of every execution the cohort started (it ran alone since `since`). */
async function measureCohort(
  sfn: SFNClient,
  since: number,
  phases: PhaseMeasure[],
  households: CohortMeasure['households'],
): Promise<CohortMeasure> {
  const executions = await executionsSince(sfn, since);
  const histories: CohortMeasure['histories'] = [];
  for (const execution of executions) {
    histories.push({
      stateMachine: execution.stateMachineArn?.split(':')[6] ?? 'unknown',
      executionArn: execution.executionArn ?? '',
      events: await getFullHistory(sfn, execution.executionArn!, { includeExecutionData: true }),
    });
  }
  return {
    households,
    phases,
    histories,
    stillRunning: executions.filter((execution) => execution.status === 'RUNNING').length,
  };
}

/** Sums the kit lines of the allocations waiting for stock: what a receipt must bring. */
export function waitlistDemand(rows: readonly DistributionListRow[]): KitLines {
  const totals = new Map<string, number>();
  for (const row of rows.filter((candidate) => candidate.status === 'WAITLISTED'))
    for (const line of row.kits) totals.set(line.kitType, (totals.get(line.kitType) ?? 0) + line.quantity);
  return [...totals].map(([kitType, quantity]) => ({ kitType, quantity }));
}

export async function runCostScenario(options: {
  rootDir: string;
  assemblyDir: string;
  households: number;
  perSite: number;
  warmUp: number;
  /** Also run a cohort whose sites have their kits before anyone registers. */
  stockOnHand: boolean;
}): Promise<CostRun> {
  const round = currentRound(distributionSettings().rounds, new Date())?.roundId;
  if (!round)
    throw new Error(
      'no distribution round is open today (config/distribution-settings.json): kit dispatch would end at NO_ROUND, so nothing can be distributed',
    );
  const lambdaMeter = startLambdaMeter();
  const outputMeter = startOutputMeter();
  const metered = await startMeteredCloud({ ...options, dataDirPrefix: 'bench-cost-' });
  const { cloud, dataDir, dynamo, s3, sfn } = metered;
  try {
    const identityDir = join(dataDir, 'identity');
    const issuer = readIssuers(identityDir)?.[0];
    if (!issuer) throw new Error('the local identity provider wrote no issuer');
    const key = await loadOrCreateSigningKey(identityDir);
    const tokenFor = (role: string) =>
      mintToken(key, {
        issuer: issuer.issuer,
        clientId: issuer.clientIds[0]!,
        role,
        username: `bench-${role}`,
      });
    // Intake staff register and serve at the distribution point; a supervisor books stock in.
    const staff = await tokenFor('intake');
    const supervisor = await tokenFor('supervisor');
    const api = createApiClient(cloud.endpoints.api);
    const problems: string[] = [];

    /** With `stockFirst`, each site receives these lines before anyone registers (no waitlist). */
    const runCohort = async (run: string, count: number, stockFirst?: KitLines) => {
      const since = Date.now();
      const sites = [...new Set(Array.from({ length: count }, (_, i) => siteOf(run, i, options.perSite)))];
      const phases: PhaseMeasure[] = [];
      // Windows follow on from one another, so no history event falls between two phases.
      let lastTo = since;
      const phase = async (name: PhaseName, work: () => Promise<void>) => {
        dynamo.reset();
        s3.reset();
        const from = lastTo;
        await work();
        const settle = await waitUntilSettled(sfn, lambdaMeter, since, Date.now() + PHASE_DEADLINE_MS);
        if (!settle.settled)
          problems.push(
            `${name}: did not settle within ${PHASE_DEADLINE_MS / 1000} s (${settle.running} executions running, ${settle.parked} parked)`,
          );
        const to = Date.now();
        lastTo = to;
        const inWindow = (at: number) => at >= from && at < to;
        phases.push({
          name,
          window: { from, to },
          metered: combineMeters(dynamo.counts, s3.counts),
          api: api.log.filter((request) => inWindow(request.at)),
          lambda: lambdaMeter.invocations.filter((call) => inWindow(call.startedAt)),
          logBytes: outputMeter.bytesBetween(from, to),
          settle,
        });
      };

      const register = async () => {
        let registered = 0;
        await phase('registration', () =>
          inParallel(
            Array.from({ length: count }, (_, i) => i),
            CLIENTS,
            async (index) => {
              const answer = await api.call('POST /households', {
                path: '/households',
                token: staff,
                body: cohortHousehold(run, index, options.perSite),
              });
              if (answer.status === 202) registered += 1;
              else problems.push(`POST /households → ${answer.status} ${answer.text.slice(0, 200)}`);
            },
          ),
        );
        return registered;
      };
      const receive = async (site: string, lines: KitLines) => {
        const answer = await api.call('POST /sites/{siteId}/stock/receipts', {
          path: `/sites/${site}/stock/receipts`,
          token: supervisor,
          body: { lines, reference: `bench-${run}` },
          headers: { 'idempotency-key': randomUUID() },
        });
        if (answer.status !== 201)
          problems.push(`stock receipt at ${site} → ${answer.status} ${answer.text.slice(0, 200)}`);
      };

      let registered = 0;
      let waitlisted = 0;
      const demand: KitLines[] = [];
      if (stockFirst) {
        await phase('stock', async () => {
          for (const site of sites) await receive(site, stockFirst);
        });
        registered = await register();
      } else {
        registered = await register();
        await phase('stock', async () => {
          for (const site of sites) {
            const rows = await distributionList(api, staff, site, round);
            waitlisted += rows.filter((row) => row.status === 'WAITLISTED').length;
            const lines = waitlistDemand(rows);
            demand.push(lines);
            if (lines.length === 0)
              problems.push(`${site}: no allocation waiting for stock after registration`);
            else await receive(site, lines);
          }
        });
      }

      let reservedWithVoucher = 0;
      let confirmed = 0;
      await phase('distribution', async () => {
        for (const site of sites) {
          const rows = await distributionList(api, staff, site, round);
          const ready = rows.filter((row) => row.status === 'RESERVED' && row.voucherCode);
          reservedWithVoucher += ready.length;
          if (ready.length < rows.length)
            problems.push(
              `${site}: ${rows.length - ready.length} of ${rows.length} allocations had no voucher to present`,
            );
          await inParallel(ready, CLIENTS, async (row) => {
            const answer = await api.call('POST /allocations/{allocationId}/confirmation', {
              path: `/allocations/${row.allocationId}/confirmation`,
              token: staff,
              body: { status: 'DISTRIBUTED', voucherCode: row.voucherCode, collector: { type: 'HOUSEHOLD' } },
              headers: { 'idempotency-key': randomUUID() },
            });
            if (answer.status === 200) confirmed += 1;
            else
              problems.push(
                `confirmation of ${row.allocationId} → ${answer.status} ${answer.text.slice(0, 200)}`,
              );
          });
        }
      });
      const measured = await measureCohort(sfn, since, phases, {
        registered,
        waitlisted,
        reservedWithVoucher,
        confirmed,
      });
      return { ...measured, sites, demand };
    };

    const run = letters(Date.now() % 100_000);
    // Warm-up, not counted: DynamoDB Local's JVM and the sandboxes' first imports.
    if (options.warmUp > 0) {
      await runCohort(`${run}w`, options.warmUp);
      problems.splice(0, problems.length, ...problems.map((problem) => `warm-up: ${problem}`));
    }
    const throttledBefore = api.throttled();
    const { sites, demand, ...cohort } = await runCohort(run, options.households);
    // A full site's demand, as the waitlist cohort measured it, delivered before registration.
    const siteDemand = demand.find((lines) => lines.length > 0);
    let stockOnHand: CohortMeasure | null = null;
    if (options.stockOnHand && siteDemand) {
      const {
        sites: _sites,
        demand: _demand,
        ...measured
      } = await runCohort(`${run}s`, options.households, siteDemand);
      stockOnHand = measured;
    }
    const throttled = api.throttled() - throttledBefore;
    if (throttled > 0)
      problems.push(
        `${throttled} requests got 429 from the stage throttle and were retried (the retries are counted, the 429s are not)`,
      );
    return {
      ...cohort,
      round,
      sites: sites.length,
      perSite: options.perSite,
      functionMemoryMb: Object.fromEntries(cloud.model.functions.map((fn) => [fn.functionName, fn.memoryMb])),
      warmUpHouseholds: options.warmUp,
      assemblySynthesizedAt: statSync(join(options.assemblyDir, 'manifest.json')).mtime.toISOString(),
      stockOnHand,
      problems,
    };
  } finally {
    lambdaMeter.stop();
    outputMeter.stop();
    await metered.stop();
  }
}
