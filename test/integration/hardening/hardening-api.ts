import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { readIssuers } from '../../../local/cloud/identity/issuers.ts';
import { mintToken } from '../../../local/cloud/identity/mint-token.ts';
import { loadOrCreateSigningKey } from '../../../local/cloud/identity/signing-key.ts';
import type { BootedCloud } from '../global-setup.ts';

/** The real app on the local cloud, booted once by the integration project's global setup. */
export function appCloud(): BootedCloud {
  const app = inject('appCloud');
  if ('error' in app) throw new Error(`the local cloud did not start from infra/: ${app.error}`);
  return app;
}

export type StaffRole = 'intake' | 'caseworker' | 'supervisor' | 'partner' | 'operator';

/** Who calls, and how its token is made: a valid one, none, an expired one, or one signed by another key. */
export interface Caller {
  name: string;
  token: 'valid' | 'none' | 'expired' | 'foreign-key';
  role?: StaffRole;
  username?: string;
  partnerId?: string;
  groups?: string[];
}

/** Mints the caller's token against the running cloud's issuer (or deliberately not). */
export function tokens(app: BootedCloud) {
  const identityDir = join(app.dataDir, 'identity');
  const cache = new Map<string, string | undefined>();
  return async (caller: Caller): Promise<string | undefined> => {
    if (caller.token === 'none') return undefined;
    if (cache.has(caller.name)) return cache.get(caller.name);
    const issuer = readIssuers(identityDir)![0]!;
    const realKey = await loadOrCreateSigningKey(identityDir);
    // Another key pair, presented under the real key's id: only the signature can tell them apart.
    const key =
      caller.token === 'foreign-key'
        ? { ...(await loadOrCreateSigningKey(mkdtempSync(join(tmpdir(), 'foreign-key-')))), kid: realKey.kid }
        : realKey;
    const now = Math.floor(Date.now() / 1000);
    const token = await mintToken(key, {
      issuer: issuer.issuer,
      clientId: issuer.clientIds[0]!,
      username: caller.username ?? caller.name,
      ...(caller.role ? { role: caller.role } : {}),
      ...(caller.groups ? { groups: caller.groups } : {}),
      ...(caller.partnerId ? { partnerId: caller.partnerId } : {}),
      ...(caller.token === 'expired' ? { now: now - 7200, ttlSeconds: 3600 } : {}),
    });
    cache.set(caller.name, token);
    return token;
  };
}

/** The `sub` claim of a token, as audit records name the actor. */
export function subjectOfToken(token: string): string {
  const payload = token.split('.')[1] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string }).sub;
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  text: string;
  /** The request id the API sent back (`x-request-id`), as audit records name it. */
  requestId: string | null;
}

/** Calls the local HTTP API as the caller, as curl would. */
export function hardeningApi(app: BootedCloud) {
  const tokenOf = tokens(app);
  const send = async <T = Record<string, unknown>>(
    caller: Caller,
    method: string,
    path: string,
    options: {
      body?: unknown;
      rawBody?: string | Uint8Array<ArrayBuffer>;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Answer<T>> => {
    const token = await tokenOf(caller);
    const headers: Record<string, string> = { ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    const payload =
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    // The stage throttle answers 429 to bursts, as API Gateway does; a client backs off and retries.
    let response: Response;
    for (let attempt = 1; ; attempt += 1) {
      response = await fetch(`${app.endpoints.api}${path}`, {
        method,
        headers,
        ...(payload === undefined ? {} : { body: payload }),
      });
      if (response.status !== 429 || attempt === 20) break;
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
    const text = await response.text();
    let body: unknown = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { text };
    }
    return {
      status: response.status,
      body: body as T,
      text,
      requestId: response.headers.get('x-request-id'),
    };
  };
  return Object.assign(send, { tokenOf });
}
