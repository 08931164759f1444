import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpHandler } from '#shared/http/http-handler.ts';
import { runOnce } from '#shared/idempotency/run-once.ts';
import { logger } from '#shared/observability/logger.ts';
import { claimsFor, fakeContext, fakeEvent } from '../fakes.ts';
import { fakeIdempotencyTable } from './fake-idempotency-table.ts';

const table = fakeIdempotencyTable();
let created = 0;

const register = httpHandler({
  route: 'POST /households',
  body: z.strictObject({ site: z.string() }),
  successStatus: 202,
  idempotency: { header: 'Idempotency-Key', runOnce },
  core: async (input) => {
    created += 1;
    return { householdId: `H${created}`, site: input.body.site, status: 'RECEIVED' };
  },
});

function call(body: string, key?: string, subject = 'user-1') {
  return register(
    fakeEvent({
      routeKey: 'POST /households',
      claims: { ...claimsFor(['intake']), sub: subject },
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body,
    }),
    fakeContext(),
  );
}

// Refusals are logged at INFO; keep the test output to what fails.
beforeAll(() => logger.setLogLevel('WARN'));

describe('idempotent routes', () => {
  beforeAll(() => {
    process.env['IDEMPOTENCY_TABLE'] = 'idempotency';
  });
  afterAll(() => {
    table.mock.restore();
    delete process.env['IDEMPOTENCY_TABLE'];
  });
  beforeEach(() => {
    created = 0;
    table.items.clear();
  });

  it('returns the first answer to a retry and runs the core once', async () => {
    const first = await call('{"site":"S1"}', 'k-1');
    const retry = await call('{"site":"S1"}', 'k-1');
    expect(first.statusCode).toBe(202);
    expect(retry.statusCode).toBe(202);
    expect(retry.body).toBe(first.body);
    expect(created).toBe(1);
    expect(table.items.size).toBe(1);
  });

  it('keys on the caller too, so two users never share an answer', async () => {
    await call('{"site":"S1"}', 'same', 'user-1');
    const other = await call('{"site":"S1"}', 'same', 'user-2');
    expect(JSON.parse(other.body ?? '')).toMatchObject({ householdId: 'H2' });
  });

  it('refuses the same key with a different body (422)', async () => {
    await call('{"site":"S1"}', 'k-2');
    const reused = await call('{"site":"S2"}', 'k-2');
    expect(reused.statusCode).toBe(422);
    expect(JSON.parse(reused.body ?? '').error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(created).toBe(1);
  });

  it('runs every request when no key is sent', async () => {
    await call('{"site":"S1"}');
    await call('{"site":"S1"}');
    expect(created).toBe(2);
    expect(table.items.size).toBe(0);
  });

  it('refuses a malformed key before doing anything', async () => {
    const result = await call('{"site":"S1"}', 'has spaces in it');
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body ?? '').error.code).toBe('INVALID_IDEMPOTENCY_KEY');
    expect(created).toBe(0);
  });

  it('does not remember a request the schema refused', async () => {
    expect((await call('{"site":1}', 'k-3')).statusCode).toBe(400);
    expect(table.items.size).toBe(0);
    expect((await call('{"site":"S1"}', 'k-3')).statusCode).toBe(202);
  });

  it('answers 409 while the first request with the key is still running', async () => {
    const slow = httpHandler({
      route: 'POST /uploads',
      idempotency: { header: 'idempotency-key', runOnce },
      core: () => new Promise<{ ok: boolean }>((resolve) => setTimeout(() => resolve({ ok: true }), 30)),
    });
    const event = () =>
      fakeEvent({
        routeKey: 'POST /uploads',
        claims: claimsFor(['partner'], { 'custom:partnerId': 'FeDe' }),
        headers: { 'idempotency-key': 'k-slow' },
      });
    const [first, second] = await Promise.all([slow(event(), fakeContext()), slow(event(), fakeContext())]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
  });

  it('takes the key from the input when the route says so (Kobo _uuid)', async () => {
    let runs = 0;
    const kobo = httpHandler({
      route: 'POST /kobo/submissions',
      body: z.looseObject({ _uuid: z.string() }),
      allowUnknownKeys: true,
      idempotency: { key: (input) => input.body._uuid, runOnce },
      core: async () => ({ run: ++runs }),
    });
    process.env['KOBO_SHARED_SECRET'] = 'k';
    const post = () =>
      kobo(
        fakeEvent({
          routeKey: 'POST /kobo/submissions',
          headers: { 'content-type': 'application/json', 'x-kobo-secret': 'k' },
          body: '{"_uuid":"abc","q":"1"}',
        }),
        fakeContext(),
      );
    const answers = [await post(), await post(), await post()];
    delete process.env['KOBO_SHARED_SECRET'];
    expect(answers.map((answer) => answer.body)).toEqual(Array(3).fill('{"run":1}'));
  });
});
