import { type CostResults, GOAL_PER_THOUSAND } from './cost.ts';
import { PHASES, type PhaseName } from './cost-run.ts';
import {
  costBreakdown,
  PRICE_OF,
  PRICES_AS_OF,
  PRICES_CHECKED,
  totalCost,
  type Usage,
} from './lib/cost-model.ts';
import type { Table } from './lib/markdown.ts';
import { significant } from './lib/stats.ts';

const LABELS: Record<keyof Usage, string> = {
  stateTransitions: 'Step Functions Standard state transitions',
  lambdaInvocations: 'Lambda requests',
  lambdaGbSeconds: 'Lambda GB-seconds (arm64)',
  dynamoWriteUnits: 'DynamoDB write request units',
  dynamoReadUnits: 'DynamoDB read request units',
  s3Writes: 'S3 PUT/POST/LIST requests',
  s3Reads: 'S3 GET requests',
  httpApiRequests: 'API Gateway HTTP API requests',
  kmsRequests: 'KMS requests',
};

const PHASE_LABELS: Record<PhaseName, string> = {
  registration: 'registration: POST /households, intake workflow, kit dispatch until it waits for stock',
  stock: 'stock: distribution list read, stock receipt, waitlist served, kits reserved, voucher issued',
  distribution:
    'distribution: distribution list read, confirmation with the voucher, kit dispatch to its end',
};

const shortName = (name: string) => name.replace(/^CaseworkService-/, '').replace(/^Workflow/, '');
const maybe = (value: number | undefined | null, digits = 3) =>
  value === undefined || value === null ? null : significant(value, digits);

/** CloudWatch Logs: what can be measured here (bytes the functions wrote, history events), not priced. */
function logsNote(results: CostResults): string {
  const { registered, confirmed } = results.households;
  const { functionBytes, historyEvents } = results.logs;
  const perServed = (byPhase: Record<PhaseName, number>) =>
    confirmed > 0 ? significant((byPhase.stock + byPhase.distribution) / confirmed, 3) : '–';
  return `CloudWatch Logs, not priced: the functions wrote ${significant(functionBytes.registration / registered, 3)} bytes of logs a household registered and ${perServed(functionBytes)} more a household served (measured from the sandboxes' output); Lambda adds its START/END/REPORT lines to every invocation and Step Functions logs every history event at level ALL (${significant(historyEvents.registration / registered, 3)} events a household registered, ${perServed(historyEvents)} more a household served), neither measurable here. At $0.50 per GB ingested, each KB a household adds $0.0005 per 1,000 households.`;
}

function lineItemTable(results: CostResults): Table {
  const keys = Object.keys(LABELS) as (keyof Usage)[];
  const served = results.perThousand.served;
  const biggest = served ? [...keys].sort((a, b) => served[b] - served[a])[0]! : undefined;
  const servedTotal = results.totalPerThousand.served;
  const countsOnly = results.served ? totalCost({ ...results.served, lambdaGbSeconds: 0 }) : null;
  const goal =
    servedTotal === null
      ? 'not measured: no household reached a confirmed distribution'
      : servedTotal < GOAL_PER_THOUSAND
        ? `met ($${significant(servedTotal, 3)})`
        : `NOT met, by $${significant(servedTotal - GOAL_PER_THOUSAND, 3)} (largest item: ${LABELS[biggest!]})${
            countsOnly !== null && countsOnly < GOAL_PER_THOUSAND
              ? `; the verdict turns on Lambda GB-seconds, which depend on this loaded machine: from counts alone the total is $${significant(countsOnly, 3)}`
              : ''
          }`;
  const { households } = results;
  return {
    title: 'Cost per 1,000 households, intake to confirmed distribution (AWS us-east-1 list prices)',
    headers: [
      'line item',
      'unit price $',
      'registration, per household',
      'serving, per household served',
      '$ per 1,000 registered only',
      '$ per 1,000 served',
    ],
    rows: [
      ...keys.map((key) => [
        LABELS[key],
        significant(PRICE_OF[key], 4),
        significant(results.registeredOnly[key], 4),
        maybe(results.serving?.[key], 4),
        significant(results.perThousand.registeredOnly[key], 3),
        maybe(served?.[key]),
      ]),
      [
        '**total**',
        null,
        null,
        null,
        significant(results.totalPerThousand.registeredOnly, 3),
        maybe(results.totalPerThousand.served),
      ],
    ],
    notes: [
      `Measured over ${households.registered} households registered through POST /households on ${results.sites} site${results.sites === 1 ? '' : 's'} of ${results.perSite}, round ${results.round}: ${households.waitlisted} waited for stock, ${households.reservedWithVoucher} had kits reserved and a voucher, ${households.confirmed} were confirmed DISTRIBUTED through POST /allocations/{allocationId}/confirmation${results.warmUpHouseholds > 0 ? `; ${results.warmUpHouseholds} warm-up households served before, not counted` : ''}. Workflows and bundles as synthesized in cdk.out at ${results.assemblySynthesizedAt}.`,
      '"Registration" divides the registration phase by the households registered: what a household costs if it is registered and never served. "Serving" divides the stock and distribution phases by the households served; "served" is registration plus serving.',
      `Goal: under $${GOAL_PER_THOUSAND} per 1,000 households from intake to distribution: ${goal}.`,
      `Prices: ${PRICES_AS_OF}. ${PRICES_CHECKED} Free tiers ignored.`,
      "Counted: every state entered and every retry (histories, split by the phases' time windows); every Lambda invocation with its own sandbox time (a first event on a sandbox includes the bundle import, which Lambda bills as INIT since 1 August 2025) at the function's template memory, rounded up to the millisecond; DynamoDB capacity the functions consumed (ReturnConsumedCapacity through a metering proxy, exact as DynamoDB Local computes it); the workflows' own DynamoDB integrations at 1 unit each (a lower bound: they are not metered); S3 requests through a proxy; every API request staff made, sized and answered.",
      ...(countsOnly !== null
        ? [
            `Lambda GB-seconds are the one machine-dependent line (this machine is shared and loaded): without them the served total is $${significant(countsOnly, 3)} per 1,000, from counts alone.`,
          ]
        : []),
      `Per site, staff read the distribution list twice (to size the receipt, then to print vouchers) and book one receipt: with ${results.perSite} households a site, each household carries 1/${results.perSite} of those requests. Receipts and confirmations carry an Idempotency-Key (a field client retrying over a poor connection sends one): its records are in the DynamoDB figures.`,
      logsNote(results),
      'Not counted: KMS (no function on this path calls KMS; DynamoDB calls KMS for the customer-managed data key when it refreshes the table key it caches per caller connection, not per request, and the key costs $1 a month whatever the volume); CloudWatch Logs ingestion and storage, X-Ray, data transfer, DynamoDB and S3 storage, backups and point-in-time recovery; a registered household never served leaving the waitlist when its round closes (one more Lambda task and a few transitions, not driven: the round closes on its date); PARTIAL and NOT_DISTRIBUTED confirmations, proof-document uploads, the post-distribution verification sample.',
    ],
  };
}

function phaseTable(results: CostResults): Table {
  const divisor = (name: PhaseName) =>
    name === 'registration' ? results.households.registered : results.households.confirmed;
  return {
    title: 'Per phase, per household',
    headers: ['phase', 'transitions', 'Lambda requests', 'GB-s', 'WRU', 'RRU', 'API requests', '$ per 1,000'],
    rows: PHASES.map((name) => {
      const units = divisor(name);
      const usage = results.phases[name];
      const per = (value: number) => (units > 0 ? significant(value / units, 3) : null);
      return [
        PHASE_LABELS[name],
        per(usage.stateTransitions),
        per(usage.lambdaInvocations),
        per(usage.lambdaGbSeconds),
        per(usage.dynamoWriteUnits),
        per(usage.dynamoReadUnits),
        per(usage.httpApiRequests),
        units > 0 ? significant(totalCost(usage, 1000 / units), 3) : null,
      ];
    }),
    notes: [
      'Registration per household registered; stock and distribution per household served.',
      `$ per 1,000 of each line item by phase: ${PHASES.map(
        (name) =>
          `${name} ${Object.entries(
            costBreakdown(
              results.phases[name],
              1000 /
                Math.max(
                  1,
                  name === 'registration' ? results.households.registered : results.households.confirmed,
                ),
            ),
          )
            .filter(([, dollars]) => dollars > 0)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 3)
            .map(([key, dollars]) => `${LABELS[key as keyof Usage]} ${significant(dollars, 2)}`)
            .join(', ')}`,
      ).join('; ')}.`,
    ],
  };
}

function sourcesTable(results: CostResults): Table {
  const operations = (name: PhaseName) =>
    Object.entries(results.dynamoOperations[name] ?? {})
      .map(([operation, count]) => `${operation} ${count}`)
      .join(', ') || 'none';
  return {
    title: 'Where the transitions and Lambdas come from',
    headers: [
      'workflow',
      'executions',
      'transitions per execution',
      'of which retries',
      'Lambda tasks per execution',
      ...PHASES.map((name) => `transitions in ${name}`),
    ],
    rows: Object.entries(results.byWorkflow).map(([name, row]) => [
      shortName(name),
      row.executions,
      significant(row.transitions / row.executions),
      significant(row.retries / row.executions),
      significant(row.lambdaTasks / row.executions),
      ...PHASES.map((phase) => row.transitionsByPhase[phase]),
    ]),
    notes: [
      ...Object.entries(results.byWorkflow).flatMap(([name, row]) =>
        Object.entries(row.paths)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([path, count]) => `${shortName(name)}: ${count}× ${path}`),
      ),
      `API requests by route (registration / stock / distribution): ${Object.entries(results.apiByRoute)
        .map(([route, byPhase]) => `${route} ${PHASES.map((phase) => byPhase[phase]).join(' / ')}`)
        .join('; ')}.`,
      `Workflow service integrations (not Lambda), whole cohort: ${
        Object.entries(results.serviceCalls)
          .map(([key, count]) => `${key} ${count}`)
          .join(', ') || 'none'
      }; DynamoDB ones are priced at 1 unit each (a lower bound: the engine's calls are not metered).`,
      `DynamoDB operations by the functions, whole cohort: ${PHASES.map((name) => `${name}: ${operations(name)}`).join('; ')}.`,
      "Lambda durations are this machine's, under whatever else runs on it (shared, 2 cores), and each DynamoDB or S3 call takes one more localhost hop through a counting proxy: they bound GB-seconds loosely; counts do not depend on the machine.",
      ...(results.problems.length > 0
        ? results.problems.map((problem) => `**Problem:** ${problem}`)
        : [
            'No problem: every household registered was served, every Lambda task in the histories was metered, every execution ended.',
          ]),
    ],
  };
}

function functionTable(results: CostResults): Table {
  const households = results.households.registered;
  const per = (value: number) => significant(value / households, 3);
  return {
    title: 'Per function, per household registered',
    headers: [
      'function',
      'invocations',
      'of which cold',
      'median ms',
      'GB-s',
      'WRU',
      'RRU',
      'S3 requests',
      'Lambda tasks in the histories',
    ],
    rows: Object.entries(results.lambdaByFunction)
      .sort((a, b) => b[1].gbSeconds - a[1].gbSeconds)
      .map(([name, row]) => [
        shortName(name).replace(/^Fn/, ''),
        per(row.invocations),
        row.cold,
        significant(row.medianMs),
        per(row.gbSeconds),
        per(row.dynamoWriteUnits),
        per(row.dynamoReadUnits),
        per(row.s3Requests),
        row.historyTasks === undefined ? null : per(row.historyTasks),
      ]),
    notes: [
      'Invocations, GB-s, capacity units and S3 requests per household registered, whole cohort (a function that runs once a site, such as the stock receipt, shows its share). "Of which cold" counts invocations, not per household: first events on a sandbox, whose time includes the bundle import.',
      'Each function reaches DynamoDB and S3 through `<meter>/fn/<its name>`, so the proxies know the caller; "Lambda tasks in the histories" is the same count read from the executions (empty for API routes), a check on the meter.',
    ],
  };
}

function stockOnHandTable(results: CostResults): Table | undefined {
  const variant = results.stockOnHand;
  if (!variant) return undefined;
  const keys = Object.keys(LABELS) as (keyof Usage)[];
  const { households } = variant;
  return {
    title: 'Served from stock on hand: kits at the site before anyone registers (no waitlist)',
    headers: [
      'line item',
      'waitlist path, per household served',
      'stock on hand, per household served',
      '$ per 1,000, waitlist path',
      '$ per 1,000, stock on hand',
    ],
    rows: [
      ...keys.map((key) => [
        LABELS[key],
        maybe(results.served?.[key], 4),
        maybe(variant.served?.[key], 4),
        maybe(results.perThousand.served?.[key]),
        maybe(variant.perThousand?.[key]),
      ]),
      ['**total**', null, null, maybe(results.totalPerThousand.served), maybe(variant.totalPerThousand)],
    ],
    notes: [
      `A second cohort of ${households.registered} households on sites that received the same kits (one site's demand as the first cohort measured it) before registration: ${households.waitlisted} waited, ${households.reservedWithVoucher} had kits reserved and a voucher, ${households.confirmed} were confirmed DISTRIBUTED. Every phase (receipt, registration, distribution) divided by the households served.`,
      `Transitions per household served: ${Object.entries(variant.transitionsByWorkflow)
        .map(
          ([name, transitions]) =>
            `${shortName(name)} ${significant(transitions / Math.max(1, households.confirmed), 3)}`,
        )
        .join(', ')}.`,
    ],
  };
}

export function costTables(results: CostResults): Table[] {
  const variant = stockOnHandTable(results);
  return [
    lineItemTable(results),
    phaseTable(results),
    ...(variant ? [variant] : []),
    functionTable(results),
    sourcesTable(results),
  ];
}
