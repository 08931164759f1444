/**
 * The access-control matrix over the real HTTP API (local runtime): every deployed route of
 * ACCESS_MATRIX × every kind of caller. Expectations come from the matrix data, read here by an
 * interpretation of its own (below), not from the handlers' `authorize`: if a handler forgets
 * an ownership check, or the matrix and the handler disagree, a row fails.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MATRIX, type RouteAccess, type RouteKey } from '#shared/access-control.ts';
import { ROUTES as DEPLOYED_ROUTES } from '../../../infra/routes.ts';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { eventually } from '../cloud/cloud-clients.ts';
import { type Answer, appCloud, type Caller, hardeningApi } from './hardening-api.ts';

const app = appCloud();
const call = hardeningApi(app);

const OWN_PARTNER = 'FeDe';
const OTHER_PARTNER = 'DeltaSurvie';

const CALLERS: Caller[] = [
  { name: 'intake', token: 'valid', role: 'intake', username: 'hm-intake' },
  { name: 'caseworker', token: 'valid', role: 'caseworker', username: 'hm-caseworker' },
  { name: 'caseworker not assigned', token: 'valid', role: 'caseworker', username: 'hm-caseworker-2' },
  { name: 'supervisor', token: 'valid', role: 'supervisor', username: 'hm-supervisor' },
  {
    name: 'partner of the same org',
    token: 'valid',
    role: 'partner',
    partnerId: OWN_PARTNER,
    username: 'hm-p1',
  },
  {
    name: 'partner of another org',
    token: 'valid',
    role: 'partner',
    partnerId: OTHER_PARTNER,
    username: 'hm-p2',
  },
  { name: 'operator', token: 'valid', role: 'operator', username: 'hm-operator' },
  { name: 'no token', token: 'none' },
  { name: 'expired token', token: 'expired', role: 'supervisor', username: 'hm-supervisor' },
  {
    name: 'token signed by another key',
    token: 'foreign-key',
    role: 'supervisor',
    username: 'hm-supervisor',
  },
];
const caller = (name: string) => CALLERS.find((c) => c.name === name)!;

/** Who owns a resource: a partner organisation, and the caller name of the assigned caseworker. */
interface Owners {
  partnerId?: string;
  caseworker?: string;
}

type Expected = 'unauthenticated' | 'forbidden' | 'admitted' | 'ownership-not-exercised';

/** What the matrix says this caller gets on this route, for a resource with these owners. */
function expectedAnswer(access: RouteAccess, who: Caller, owners: Owners | undefined): Expected {
  if (access.auth === 'public') return 'admitted';
  // None of these callers holds the Kobo shared secret.
  if (access.auth === 'shared-secret') return 'unauthenticated';
  if (who.token !== 'valid') return 'unauthenticated';
  const rule = who.role === undefined ? undefined : access.grants[who.role];
  if (rule === undefined) return 'forbidden';
  if (rule === 'any') return 'admitted';
  if (typeof rule === 'object')
    return (who.groups ?? []).includes(rule.permission) ? 'admitted' : 'forbidden';
  if (access.list) return 'admitted'; // filtered, not refused
  if (owners === undefined) return 'ownership-not-exercised';
  if (rule === 'ownPartner') return owners.partnerId === who.partnerId ? 'admitted' : 'forbidden';
  return owners.caseworker === who.name ? 'admitted' : 'forbidden';
}

const deployedKeys = new Set(DEPLOYED_ROUTES.map((route) => `${route.method} ${route.path}`));
const ROUTE_UNDER_TEST = (Object.keys(ACCESS_MATRIX) as RouteKey[]).filter((key) => deployedKeys.has(key));

/** Real resources, created once, and the owners each path parameter stands for. */
interface World {
  ids: Record<string, string>;
  owners: Record<string, Owners>;
}
const world: World = { ids: {}, owners: {} };

// A placeholder for parameters no fixture provides: well-formed, so validation lets it through.
const PLACEHOLDER: Record<string, string> = {
  siteId: 'SITE-SEVARE-01',
  round: '2026-R2',
  reviewId: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
  allocationId: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
};

function concretePath(routeKey: RouteKey): { method: string; path: string; owners: Owners | undefined } {
  const [method, template] = routeKey.split(' ') as [string, string];
  let owners: Owners | undefined;
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (world.ids[name]) {
      owners = world.owners[name];
      return world.ids[name]!;
    }
    return PLACEHOLDER[name] ?? 'placeholder';
  });
  return { method, path, owners };
}

/**
 * Bodies that pass validation, for the routes whose ownership check runs after it: a caller
 * refused by ownership must reach that check to be refused by it.
 */
const VALID_BODY: Partial<Record<RouteKey, unknown>> = {
  'POST /gbv/referrals/{referralId}/response': { decision: 'ACCEPT' },
  'POST /gbv/referrals/{referralId}/implementation': { status: 'DONE', note: 'Session held' },
  'POST /gbv/referrals/{referralId}/reassignment': { partnerId: 'AMSS' },
  'POST /gbv/cases/{caseId}/follow-ups': {
    visitDate: new Date().toISOString().slice(0, 10),
    actionTaken: 'Home visit',
    needsMet: false,
    progress: {
      safety: 'IN_PROGRESS',
      health: 'ACHIEVED',
      psychosocial: 'IN_PROGRESS',
      justice: 'NOT_STARTED',
    },
    anotherVisitNeeded: false,
    recommendClosure: false,
  },
  'POST /gbv/cases/{caseId}/closure-request': { reason: 'NEEDS_MET' },
  'POST /gbv/cases/{caseId}/consent-withdrawal': { services: ['LEGAL'] },
};

// Refusals first, then the admitted callers: an admitted owner may change the resource's state.
const ORDER: Record<Expected, number> = {
  unauthenticated: 0,
  forbidden: 1,
  'ownership-not-exercised': 2,
  admitted: 3,
};
// Withdrawal and closure change what the other GBV routes may do; they run last.
const routeRank = (key: RouteKey) => (/consent-withdrawal|closure-request/.test(key) ? 1 : 0);

async function setUpWorld(): Promise<void> {
  const partner = caller('partner of the same org');
  const registered = await call<{ householdId: string }>(partner, 'POST', '/households', {
    body: aHouseholdCommand(),
    headers: { 'idempotency-key': randomUUID() },
  });
  if (registered.status !== 202 && registered.status !== 201)
    throw new Error(`register: ${registered.status} ${registered.text}`);
  world.ids.id = registered.body.householdId;
  world.owners.id = { partnerId: OWN_PARTNER };

  if (deployedKeys.has('POST /uploads')) {
    const upload = await call<{ uploadId: string }>(partner, 'POST', '/uploads', {
      body: { fileName: 'list.csv', contentType: 'text/csv', sizeBytes: 100 },
    });
    if (upload.status >= 300) throw new Error(`upload: ${upload.status} ${upload.text}`);
    world.ids.uploadId = upload.body.uploadId;
    world.owners.uploadId = { partnerId: OWN_PARTNER };
  }

  const now = Date.now();
  const opened = await call<{ caseId: string }>(caller('caseworker'), 'POST', '/gbv/cases', {
    headers: { 'idempotency-key': randomUUID() },
    body: {
      incidentType: 'PHYSICAL_ASSAULT',
      incidentDate: new Date(now - 10 * 86_400_000).toISOString().slice(0, 10),
      reportedAt: new Date(now - 60_000).toISOString(),
      commune: 'ML0506',
      riskLevel: 'MEDIUM',
      servicesNeeded: ['PSYCHOSOCIAL', 'LEGAL'],
      consent: {
        referrals: [
          { service: 'PSYCHOSOCIAL', partnerId: OWN_PARTNER, granted: true },
          { service: 'LEGAL', partnerId: 'AMSS', granted: true },
        ],
        statistics: true,
      },
    },
  });
  if (opened.status !== 201) throw new Error(`open case: ${opened.status} ${opened.text}`);
  world.ids.caseId = opened.body.caseId;
  world.owners.caseId = { caseworker: 'caseworker' };
  const referralId = await eventually(async () => {
    const page = await call<{ referrals?: { referralId: string; partnerId: string }[] }>(
      caller('caseworker'),
      'GET',
      `/gbv/cases/${opened.body.caseId}`,
    );
    return page.body.referrals?.find((r) => r.partnerId === OWN_PARTNER)?.referralId;
  }, 30_000);
  world.ids.referralId = referralId;
  world.owners.referralId = { partnerId: OWN_PARTNER, caseworker: 'caseworker' };
}

function verdict(answer: Answer, expected: Expected): boolean {
  if (expected === 'unauthenticated') return answer.status === 401;
  if (expected === 'forbidden') return answer.status === 403;
  // Admitted: neither refusal, and no crash (a forgotten ownership check fails closed as 500).
  return answer.status !== 401 && answer.status !== 403 && answer.status < 500;
}

describe('access-control matrix over the HTTP API (local runtime)', () => {
  beforeAll(setUpWorld, 120_000);

  it('covers every deployed route of the matrix, and the matrix covers every deployed route', () => {
    expect(ROUTE_UNDER_TEST.length).toBeGreaterThan(20);
    const notInMatrix = [...deployedKeys].filter((key) => !(key in ACCESS_MATRIX));
    expect(notInMatrix).toEqual([]);
  });

  it('answers every route × caller as the matrix says', async () => {
    const cases = ROUTE_UNDER_TEST.flatMap((routeKey) => {
      const { method, path, owners } = concretePath(routeKey);
      return CALLERS.map((who) => ({
        routeKey,
        method,
        path,
        who,
        expected: expectedAnswer(ACCESS_MATRIX[routeKey], who, owners),
      }));
    }).sort((a, b) => routeRank(a.routeKey) - routeRank(b.routeKey) || ORDER[a.expected] - ORDER[b.expected]);

    const mismatches: string[] = [];
    const tally: Record<Expected, number> = {
      unauthenticated: 0,
      forbidden: 0,
      admitted: 0,
      'ownership-not-exercised': 0,
    };
    for (const { routeKey, method, path, who, expected } of cases) {
      tally[expected] += 1;
      if (expected === 'ownership-not-exercised') continue;
      const body = method === 'GET' ? undefined : (VALID_BODY[routeKey] ?? {});
      const answer = await call(who, method, path, body === undefined ? {} : { body });
      if (!verdict(answer, expected))
        mismatches.push(
          `${routeKey} as ${who.name}: expected ${expected}, got ${answer.status} ${answer.text.slice(0, 160)}`,
        );
    }
    expect(mismatches).toEqual([]);
    // Every kind of answer is exercised, ownership refusals included.
    expect(tally.unauthenticated).toBeGreaterThan(ROUTE_UNDER_TEST.length * 3 - 1);
    expect(tally.forbidden).toBeGreaterThan(50);
    expect(tally.admitted).toBeGreaterThan(40);
    console.info(`access matrix: ${cases.length} calls planned`, tally);
  });

  it('filters a list to the partner’s own households', async () => {
    const listed = async (name: string) => {
      const answer = await call<{ items?: { householdId: string }[] }>(
        caller(name),
        'GET',
        '/households?site=SITE-SEVARE-01&limit=100',
      );
      expect(answer.status).toBe(200);
      return (answer.body.items ?? []).map((item) => item.householdId);
    };
    expect(
      await eventually(async () =>
        (await listed('partner of the same org')).includes(world.ids.id!) ? true : undefined,
      ),
    ).toBe(true);
    expect(await listed('partner of another org')).not.toContain(world.ids.id);
  });
});
