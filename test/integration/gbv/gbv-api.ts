import { randomUUID } from 'node:crypto';
import { eventually, tokenFor } from '../cloud/cloud-clients.ts';
import type { BootedCloud } from '../global-setup.ts';

/** Who calls: a role, a user (so two caseworkers differ), a partner organisation, extra groups. */
export interface Caller {
  role: 'intake' | 'caseworker' | 'supervisor' | 'partner' | 'operator';
  user?: string;
  partnerId?: string;
  groups?: string[];
}

export const CASEWORKER: Caller = { role: 'caseworker', user: 'cw-awa' };
export const OTHER_CASEWORKER: Caller = { role: 'caseworker', user: 'cw-binta' };
export const SUPERVISOR: Caller = {
  role: 'supervisor',
  user: 'sup-fatou',
  groups: ['supervisor', 'gbv-consent-override'],
};
export const partner = (partnerId: string): Caller => ({
  role: 'partner',
  user: `p-${partnerId}`,
  partnerId,
});
export const INTAKE: Caller = { role: 'intake', user: 'in-moussa' };
export const OPERATOR: Caller = { role: 'operator', user: 'op-ali' };

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
}

/** A small client of the local HTTP API; `now` gives the identity's time (virtual-time clouds). */
export function gbvApi(app: Pick<BootedCloud, 'dataDir' | 'endpoints'>, now: () => number = Date.now) {
  const token = (caller: Caller) =>
    tokenFor(app.dataDir, {
      role: caller.role,
      username: caller.user ?? `local-${caller.role}`,
      now: Math.floor(now() / 1000),
      ...(caller.groups ? { groups: caller.groups } : {}),
      ...(caller.partnerId ? { partnerId: caller.partnerId } : {}),
    });
  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    caller: Caller,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiAnswer<T>> => {
    const response = await fetch(`${app.endpoints.api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token(caller)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T, text };
  };
  return { call, token };
}

export type GbvApi = ReturnType<typeof gbvApi>;

export interface ReferralPage {
  referralId: string;
  service: string;
  partnerId: string;
  status: string;
  urgent: boolean;
  timeframe: string;
  basis: string;
  sentAt: string | null;
  dueAt: string | null;
  awaiting: string | null;
  returnedBecause?: string;
}

export interface CasePage {
  caseId: string;
  survivorCode: string;
  status: string;
  awaiting: string | null;
  followUpCount: number;
  overdueFollowUp: { dueAt: string; markedAt: string } | null;
  withheld: { service: string; reason: string }[];
  urgentHealth: boolean;
  referrals: ReferralPage[];
  identifyingDetails: Record<string, unknown> | null;
}

/** A case command; `overrides` replaces fields. Dates relative to now (the 72-hour rule counts hours). */
export function caseCommand(overrides: Record<string, unknown> = {}, now = Date.now()) {
  const day = (offset: number) => new Date(now + offset * 86_400_000).toISOString().slice(0, 10);
  return {
    incidentType: 'PHYSICAL_ASSAULT',
    incidentDate: day(-10),
    reportedAt: new Date(now - 60_000).toISOString(),
    commune: 'ML0506',
    riskLevel: 'MEDIUM',
    servicesNeeded: ['PSYCHOSOCIAL', 'LEGAL'],
    consent: {
      referrals: [
        { service: 'PSYCHOSOCIAL', partnerId: 'FeDe', granted: true },
        { service: 'LEGAL', partnerId: 'AMSS', granted: true },
      ],
      statistics: true,
    },
    ...overrides,
  };
}

/** Opens a case as the caseworker; returns its ids. */
export async function openCase(api: GbvApi, command: unknown, caller: Caller = CASEWORKER) {
  const answer = await api.call<{ caseId: string; survivorCode: string }>(
    'POST',
    '/gbv/cases',
    caller,
    command,
    { 'idempotency-key': randomUUID() },
  );
  if (answer.status !== 201) throw new Error(`open case: ${answer.status} ${answer.text}`);
  return answer.body;
}

/** Polls the case (as its caseworker) until `until` holds. */
export function caseWhen(
  api: GbvApi,
  caseId: string,
  until: (page: CasePage) => boolean,
  timeoutMs = 30_000,
) {
  return eventually(async () => {
    const answer = await api.call<CasePage>('GET', `/gbv/cases/${caseId}`, CASEWORKER);
    return answer.status === 200 && until(answer.body) ? answer.body : undefined;
  }, timeoutMs);
}

export const referralFor = (page: CasePage, service: string) => {
  const found = page.referrals.find((r) => r.service === service);
  if (!found) throw new Error(`no ${service} referral`);
  return found;
};

export const allAwaiting = (step: string) => (page: CasePage) =>
  page.referrals.length > 0 && page.referrals.every((r) => r.awaiting === step);

export const followUpBody = (overrides: Record<string, unknown> = {}) => ({
  visitDate: new Date().toISOString().slice(0, 10),
  actionTaken: 'Home visit, safety plan reviewed',
  needsMet: false,
  progress: {
    safety: 'IN_PROGRESS',
    health: 'ACHIEVED',
    psychosocial: 'IN_PROGRESS',
    justice: 'NOT_STARTED',
  },
  anotherVisitNeeded: false,
  recommendClosure: false,
  ...overrides,
});
