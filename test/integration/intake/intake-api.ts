import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { cloudClients, eventually, tokenFor } from '../cloud/cloud-clients.ts';
import type { BootedCloud } from '../global-setup.ts';

/** The real app on the local cloud, booted once by the integration project's global setup. */
export function appCloud(): BootedCloud {
  const app = inject('appCloud');
  if ('error' in app) throw new Error(`the local cloud did not start from infra/: ${app.error}`);
  return app;
}

export type Role = 'intake' | 'supervisor' | 'partner' | 'caseworker';

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** A small client of the local HTTP API, as curl would call it. */
export function intakeApi(app: BootedCloud, user: string) {
  const tokens = new Map<string, string>();
  // A user of its own per test file, so what a file registered can be told from other files' work.
  const token = async (role: Role, partnerId?: string) => {
    const key = `${role}|${partnerId ?? ''}`;
    if (!tokens.has(key)) {
      tokens.set(
        key,
        await tokenFor(app.dataDir, {
          role,
          username: `${user}-${role}`,
          ...(partnerId ? { partnerId } : {}),
        }),
      );
    }
    return tokens.get(key)!;
  };
  /** The `sub` of this file's token for a role, as households record it in `registeredBy`. */
  const subject = async (role: Role) => {
    const payload = (await token(role)).split('.')[1] ?? '';
    return String((JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string }).sub);
  };
  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { role?: Role; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiAnswer<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.role) headers['authorization'] = `Bearer ${await token(options.role)}`;
    if (options.body !== undefined || options.rawBody !== undefined)
      headers['content-type'] ??= 'application/json';
    const response = await fetch(`${app.endpoints.api}${path}`, {
      method,
      headers,
      ...(options.rawBody !== undefined
        ? { body: options.rawBody }
        : options.body !== undefined
          ? { body: JSON.stringify(options.body) }
          : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  };
  return { call, token, subject };
}

/** The household as GET /households/{id} shows it. */
export interface HouseholdPage {
  household: { householdId: string; status: string; duplicateOf?: string; failure?: unknown };
  decision: {
    outcome: string;
    ruleSetVersion: string;
    decidedBy: string;
    reasons: { code: string; message: string }[];
  } | null;
  reviews: { reviewId: string; kind: string; status: string; candidateHouseholdId?: string }[];
}

const SETTLED = new Set([
  'ELIGIBLE',
  'INELIGIBLE',
  'PENDING_REVIEW',
  'DUPLICATE',
  'FAILED',
  'REVIEW_EXPIRED',
]);

/** Polls the household until its workflow has put it in a settled status (or `until` holds). */
export async function settledHousehold(
  api: ReturnType<typeof intakeApi>,
  householdId: string,
  until: (page: HouseholdPage) => boolean = (page) => SETTLED.has(page.household.status),
): Promise<HouseholdPage> {
  return eventually(async () => {
    const answer = await api.call<HouseholdPage>('GET', `/households/${householdId}`, { role: 'supervisor' });
    return answer.status === 200 && until(answer.body) ? answer.body : undefined;
  }, 60_000);
}

export interface ReviewItem {
  reviewId: string;
  kind: string;
  status: string;
  candidateHouseholdId?: string;
}

/**
 * Waits until a review is in the supervisors' PENDING queue. The queue is shared with every other
 * file's households and lists the oldest first, 100 per page: read every page, not the first one.
 */
export async function pendingReview(
  api: ReturnType<typeof intakeApi>,
  reviewId: string,
): Promise<ReviewItem> {
  return eventually(async () => {
    let cursor: string | undefined;
    do {
      const query = `status=PENDING&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await api.call<{ items: ReviewItem[]; nextCursor?: string }>('GET', `/reviews?${query}`, {
        role: 'supervisor',
      });
      if (page.status !== 200)
        throw new Error(`GET /reviews answered ${page.status}: ${JSON.stringify(page.body)}`);
      const found = page.body.items.find((item) => item.reviewId === reviewId);
      if (found) return found;
      cursor = page.body.nextCursor;
    } while (cursor);
    return undefined;
  });
}

/**
 * Household profiles a user registered (a full scan: the test tables are small). Other files'
 * workflows may still be writing allocations meanwhile, so tests count their own profiles only.
 */
export async function householdsRegisteredBy(app: BootedCloud, subject: string): Promise<number> {
  const { dynamodb } = cloudClients(app.endpoints);
  const table = app.tableNames.find((name) => name.includes('Registry'));
  if (!table) throw new Error('no registry table in the app');
  let count = 0;
  let start: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'sk = :profile AND registeredBy = :subject',
        ExpressionAttributeValues: { ':profile': { S: 'PROFILE' }, ':subject': { S: subject } },
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  return count;
}
