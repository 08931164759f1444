/**
 * Hostile bodies through the real API (local runtime): each is a 4xx with a clear message and
 * leaves nothing behind. "Nothing" is counted where every write of these callers would land:
 * their audit records (every change through the API is audited, see audit-trail.test.ts), the
 * households they registered, the GBV cases assigned to them, and the stock of their own site.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { cloudClients } from '../cloud/cloud-clients.ts';
import { type Answer, appCloud, type Caller, hardeningApi, subjectOfToken } from './hardening-api.ts';

const app = appCloud();
const call = hardeningApi(app);
const { dynamodb } = cloudClients(app.endpoints);
const table = (part: string) => {
  const name = app.tableNames.find((candidate) => candidate.includes(part));
  if (!name) throw new Error(`no ${part} table`);
  return name;
};

const SITE = 'SITE-HM-HOSTILE';
const FORMULA = "=cmd|' /C calc'!A0";
const INTAKE: Caller = { name: 'hostile-intake', token: 'valid', role: 'intake' };
const SUPERVISOR: Caller = { name: 'hostile-supervisor', token: 'valid', role: 'supervisor' };
const CASEWORKER: Caller = { name: 'hostile-caseworker', token: 'valid', role: 'caseworker' };

/** The routes sampled, each with the caller allowed to use it. */
const TARGETS: { route: string; path: string; who: Caller }[] = [
  { route: 'POST /households', path: '/households', who: INTAKE },
  { route: 'POST /sites/{siteId}/stock/receipts', path: `/sites/${SITE}/stock/receipts`, who: SUPERVISOR },
  { route: 'POST /sites/{siteId}/stock/counts', path: `/sites/${SITE}/stock/counts`, who: SUPERVISOR },
  { route: 'POST /gbv/cases', path: '/gbv/cases', who: CASEWORKER },
  { route: 'POST /documents/upload-url', path: '/documents/upload-url', who: INTAKE },
];

async function countWhere(
  tableName: string,
  filter: string,
  values: Record<string, string>,
): Promise<number> {
  let count = 0;
  let start: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: filter,
        ExpressionAttributeValues: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { S: v }])),
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  return count;
}

const subjects: string[] = [];
async function footprint(): Promise<number[]> {
  const counts: number[] = [];
  for (const subject of subjects) {
    counts.push(await countWhere(table('Audit'), 'actor = :s', { ':s': subject }));
    counts.push(await countWhere(table('Registry'), 'registeredBy = :s', { ':s': subject }));
    counts.push(await countWhere(table('Protection'), 'assignedCaseworkerId = :s', { ':s': subject }));
  }
  counts.push(await countWhere(table('Registry'), 'contains(pk, :site)', { ':site': SITE }));
  return counts;
}

const hostileLeaf = fc.oneof(
  fc.string(),
  fc.constantFrom(FORMULA, '__proto__', '\u0000', 'x'.repeat(20_000)),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileLeaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'lines', 'consent')),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

const deepJson = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const household = aHouseholdCommand();

/** Hostile bodies as raw bytes on the wire, with what each must answer. */
const NAMED: { name: string; raw: string | Uint8Array<ArrayBuffer>; status: number; contentType?: string }[] =
  [
    {
      name: 'invalid UTF-8',
      raw: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      status: 400,
    },
    { name: 'deep nesting', raw: deepJson(5_000), status: 400 },
    {
      name: 'prototype pollution',
      raw: `{"__proto__":{"isAdmin":true},${JSON.stringify(household).slice(1)}`,
      status: 400,
    },
    {
      name: 'constructor pollution',
      raw: `{"constructor":{"prototype":{"x":1}},${JSON.stringify(household).slice(1)}`,
      status: 400,
    },
    { name: 'not JSON', raw: '{"headOfHousehold":', status: 400 },
    {
      name: 'formula injection in a name, with a wrong field beside it',
      raw: JSON.stringify({
        ...household,
        headOfHousehold: { ...household.headOfHousehold, givenName: FORMULA, birthYear: 'x' },
      }),
      status: 400,
    },
    {
      name: 'a huge string in a name',
      raw: JSON.stringify({
        ...household,
        headOfHousehold: { ...household.headOfHousehold, givenName: 'A'.repeat(200_000) },
      }),
      status: 400,
    },
    // Over the 256 KB limit and not even JSON: a 413 proves the size was checked before parsing.
    { name: 'over the size limit, unparseable', raw: `{${'x'.repeat(300_000)}`, status: 413 },
    { name: 'wrong media type', raw: 'a,b,c', status: 415, contentType: 'text/csv' },
  ];

function expectClearRefusal(answer: Answer, label: string) {
  expect(answer.status, `${label}: ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${label}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
  const error = (
    answer.body as {
      error?: { code?: string; message?: string; fields?: { path: string; message: string }[] };
    }
  ).error;
  const seen = `${label}: ${answer.status} ${answer.text.slice(0, 200)}`;
  expect(/^[A-Z_]+$/.test(error?.code ?? ''), seen).toBe(true);
  expect(error?.message?.trim(), seen).toBeTruthy();
  for (const field of error?.fields ?? []) expect(field.message.trim(), label).toBeTruthy();
}

describe('hostile bodies through the API (local runtime)', () => {
  let before: number[];

  beforeAll(async () => {
    for (const who of [INTAKE, SUPERVISOR, CASEWORKER])
      subjects.push(subjectOfToken((await call.tokenOf(who))!));
    before = await footprint();
  });

  it('answers each named hostile body on every sampled route with its 4xx and a message', async () => {
    for (const target of TARGETS) {
      for (const hostile of NAMED) {
        const answer = await call(target.who, 'POST', target.path, {
          rawBody: hostile.raw,
          headers: {
            'content-type': hostile.contentType ?? 'application/json',
            'idempotency-key': crypto.randomUUID(),
            'accept-language': 'en',
          },
        });
        expectClearRefusal(answer, `${target.route} ${hostile.name}`);
        expect(answer.status, `${target.route} ${hostile.name}`).toBe(hostile.status);
      }
    }
  });

  it('answers random bodies on every sampled route with a 4xx and field messages, in French too', async () => {
    const bodies = fc.sample(hostileValue, { seed: 20261126, numRuns: 25 });
    for (const target of TARGETS) {
      for (const body of bodies) {
        const answer = await call(target.who, 'POST', target.path, {
          body,
          headers: { 'idempotency-key': crypto.randomUUID(), 'accept-language': 'fr' },
        });
        expectClearRefusal(answer, `${target.route} ${JSON.stringify(body)?.slice(0, 80)}`);
      }
    }
  });

  it('wrote nothing: no audit record, household, case or stock item of these callers', async () => {
    expect(subjects).toHaveLength(3);
    expect(await footprint()).toEqual(before);
  });

  it('would see a write: one valid receipt by the same supervisor changes the footprint', async () => {
    const received = await call(SUPERVISOR, 'POST', `/sites/${SITE}/stock/receipts`, {
      body: { lines: [{ kitType: 'SOAP', quantity: 1 }] },
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    expect(received.status).toBeLessThan(300);
    expect(await footprint()).not.toEqual(before);
  });
});
