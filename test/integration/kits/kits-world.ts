import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { inject } from 'vitest';
import { allocationIdOf } from '../../../functions/adapters/kits/keys.ts';
import { kitCatalog } from '../../../functions/allocations/kit-config.ts';
import { computeEntitlement, type KitLine } from '../../../functions/domain/kits/entitlement.ts';
import { cloudClients, eventually, tokenFor } from '../cloud/cloud-clients.ts';
import type { BootedCloud } from '../global-setup.ts';

export const ROUND = '2026-R2';
export const MEMBERS = {
  total: 5,
  childrenUnder5: 1,
  pregnantOrLactating: 0,
  elderly: 0,
  withDisability: 0,
  womenAndGirls12to49: 1,
};

/** What a household of MEMBERS is due in ROUND, from the shipped catalog. */
export const dueLines = (): KitLine[] =>
  computeEntitlement({ members: MEMBERS }, { roundId: ROUND, rationDays: 30 }, kitCatalog());

type Role = 'intake' | 'supervisor' | 'partner';

/** The real app on the local cloud, booted once by the integration project's global setup. */
function appCloud(): BootedCloud {
  const app = inject('appCloud');
  if ('error' in app) throw new Error(`the local cloud did not start from infra/: ${app.error}`);
  return app;
}

/** A small client of the local HTTP API, as curl would call it. */
function kitsApi(app: BootedCloud) {
  const tokens = new Map<Role, string>();
  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { role: Role; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T; text: string; contentType: string | null }> => {
    if (!tokens.has(options.role))
      tokens.set(
        options.role,
        await tokenFor(app.dataDir, { role: options.role, username: `it-kits-${options.role}` }),
      );
    const headers: Record<string, string> = {
      authorization: `Bearer ${tokens.get(options.role)}`,
      ...options.headers,
    };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${app.endpoints.api}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type');
    const body = (text && contentType?.includes('json') ? JSON.parse(text) : {}) as T;
    return { status: response.status, body, text, contentType };
  };
  return { call };
}

/** The real app on the local cloud with helpers for kit dispatch. */
export function kitsWorld() {
  const app: BootedCloud = appCloud();
  const api = kitsApi(app);
  const { dynamodb, sfn } = cloudClients(app.endpoints);
  const registry = app.tableNames.find((name) => name.includes('Registry'));
  const kitDispatch = app.stateMachineArns.find((arn) => arn.includes('Workflowkitdispatch'));
  if (!registry || !kitDispatch)
    throw new Error(
      `the app has no registry table or kit-dispatch workflow: ${app.stateMachineArns.join(', ')}`,
    );

  /** An ELIGIBLE household written straight into the registry, as intake leaves it. */
  async function eligibleHousehold(siteId: string, givenName = 'Fatoumata'): Promise<string> {
    const householdId = ulid();
    const at = new Date().toISOString();
    await dynamodb.send(
      new PutItemCommand({
        TableName: registry,
        Item: marshall({
          pk: `HH#${householdId}`,
          sk: 'PROFILE',
          householdId,
          status: 'ELIGIBLE',
          headOfHousehold: { givenName, familyName: 'Coulibaly', sex: 'F', birthYear: 1985 },
          location: { adm1: 'ML05', adm2: 'ML0506', site: siteId },
          members: MEMBERS,
          displacement: 'IDP',
          foodSecurity: {},
          consent: { dataProcessing: true, recordedAt: at },
          source: { channel: 'api' },
          registeredBy: 'it-kits',
          createdAt: at,
          updatedAt: at,
        }),
      }),
    );
    return householdId;
  }

  /** Starts kit dispatch for a household, as intake does (optionally with a short confirmation wait). */
  async function dispatch(householdId: string, confirmationTimeoutSeconds?: number): Promise<string> {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: kitDispatch,
        name: `${householdId}-${ROUND}`,
        input: JSON.stringify({
          householdId,
          round: ROUND,
          ...(confirmationTimeoutSeconds ? { confirmationTimeoutSeconds } : {}),
        }),
      }),
    );
    return executionArn!;
  }

  async function execution(executionArn: string) {
    return sfn.send(new DescribeExecutionCommand({ executionArn }));
  }

  /** Waits for the execution to end; its status and output. */
  async function ended(executionArn: string, timeoutMs = 30_000) {
    return eventually(async () => {
      const described = await execution(executionArn);
      return described.status === 'RUNNING' ? undefined : described;
    }, timeoutMs);
  }

  /** The allocation item as stored (what GET /households/{id} shows under allocations). */
  async function allocation(householdId: string): Promise<Record<string, unknown> | undefined> {
    const { Items } = await dynamodb.send(
      new QueryCommand({
        TableName: registry,
        KeyConditionExpression: 'pk = :pk AND sk = :sk',
        ExpressionAttributeValues: marshall({ ':pk': `HH#${householdId}`, ':sk': `ALLOC#${ROUND}` }),
        ConsistentRead: true,
      }),
    );
    return Items?.[0] ? unmarshall(Items[0]) : undefined;
  }

  /** Polls the allocation until `until` holds. */
  const allocationWhen = (
    householdId: string,
    until: (item: Record<string, unknown>) => boolean,
    timeoutMs = 30_000,
  ) =>
    eventually(async () => {
      const item = await allocation(householdId);
      return item && until(item) ? item : undefined;
    }, timeoutMs);

  async function receive(siteId: string, lines: KitLine[]) {
    return api.call<{ receiptId: string; servedFromWaitlist: string[] }>(
      'POST',
      `/sites/${siteId}/stock/receipts`,
      {
        role: 'supervisor',
        body: { lines },
        headers: { 'idempotency-key': ulid() },
      },
    );
  }

  async function stock(siteId: string): Promise<Record<string, Record<string, number>>> {
    const answer = await api.call<{ kits: ({ kitType: string } & Record<string, number>)[] }>(
      'GET',
      `/sites/${siteId}/stock`,
      {
        role: 'supervisor',
      },
    );
    if (answer.status !== 200) throw new Error(`GET stock answered ${answer.status}`);
    return Object.fromEntries(answer.body.kits.map((kit) => [kit.kitType, kit]));
  }

  /** The voucher code of a household, from the distribution list as staff read it. */
  async function voucherOf(siteId: string, householdId: string): Promise<string> {
    return eventually(async () => {
      const list = await api.call<{ rows: { householdId: string; voucherCode: string | null }[] }>(
        'GET',
        `/sites/${siteId}/rounds/${ROUND}/distribution-list`,
        { role: 'intake' },
      );
      return list.body.rows?.find((row) => row.householdId === householdId)?.voucherCode ?? undefined;
    });
  }

  const confirm = (householdId: string, body: Record<string, unknown>) =>
    api.call('POST', `/allocations/${allocationIdOf(householdId, ROUND)}/confirmation`, {
      role: 'intake',
      body,
      headers: { 'idempotency-key': ulid() },
    });

  return {
    app,
    api,
    registry,
    kitDispatch,
    eligibleHousehold,
    dispatch,
    ended,
    allocation,
    allocationWhen,
    receive,
    stock,
    voucherOf,
    confirm,
  };
}

/** A site id of its own per test, so tests share nothing. */
export const aSite = (label: string) => `SITE-IT-${label}-${ulid().slice(-6)}`;
