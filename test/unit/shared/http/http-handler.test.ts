import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StockBelowZeroError } from '#domain/stock/reconcile.ts';
import { EMPTY_BALANCE, type StockMovement } from '#domain/stock/stock-movement.ts';
import { ForbiddenError, NotFoundError } from '#shared/errors/http-errors.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { reply } from '#shared/http/reply.ts';
import { logger } from '#shared/observability/logger.ts';
import { captureLogs, claimsFor, fakeContext, fakeEvent } from '../fakes.ts';

const decisionSchema = z.strictObject({
  decision: z.enum(['ELIGIBLE', 'INELIGIBLE']),
  note: z.string().max(200).optional(),
  count: z.int().min(0),
});

const decide = httpHandler({
  route: 'POST /reviews/{reviewId}/decision',
  body: decisionSchema,
  path: z.strictObject({ reviewId: z.string().regex(/^[A-Z0-9]+$/) }),
  successStatus: 202,
  core: async (input) => ({
    reviewId: input.path.reviewId,
    decision: input.body.decision,
    count: input.body.count,
  }),
});

const supervisor = claimsFor(['supervisor']);
const json = { 'content-type': 'application/json' };

function post(
  body: string,
  headers: Record<string, string> = json,
  claims: Record<string, string> | null = supervisor,
) {
  return decide(
    fakeEvent({
      routeKey: 'POST /reviews/{reviewId}/decision',
      claims: claims ?? undefined,
      headers,
      body,
      path: { reviewId: 'R1' },
    }),
    fakeContext(),
  );
}

function errorOf(result: { body?: string }) {
  return (JSON.parse(result.body ?? '{}') as { error: { code: string; message: string; fields?: unknown[] } })
    .error;
}

// Refusals are logged at INFO; keep the test output to what fails.
beforeAll(() => logger.setLogLevel('WARN'));

describe('httpHandler', () => {
  afterEach(() => {
    delete process.env['KOBO_SHARED_SECRET'];
  });

  it('passes validated, typed input to the core and answers JSON with the request id', async () => {
    const result = await post(JSON.stringify({ decision: 'ELIGIBLE', count: 3 }));
    expect(result.statusCode).toBe(202);
    expect(JSON.parse(result.body ?? '')).toEqual({ reviewId: 'R1', decision: 'ELIGIBLE', count: 3 });
    expect(result.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-request-id': 'req-123',
      'cache-control': 'no-store',
    });
  });

  it('answers 400 with field messages in French by default', async () => {
    const result = await post(JSON.stringify({ decision: 'MAYBE', count: -1 }));
    expect(result.statusCode).toBe(400);
    const error = errorOf(result);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('La requête contient des données invalides.');
    const paths = (error.fields as { path: string; message: string }[]).map((field) => field.path);
    expect(paths).toEqual(['decision', 'count']);
    expect(JSON.stringify(error.fields)).toMatch(/attendue/);
    expect(JSON.stringify(error.fields)).not.toMatch(/expected/i);
  });

  it('answers in English when Accept-Language prefers it', async () => {
    const result = await post(JSON.stringify({ decision: 'MAYBE', count: 1 }), {
      ...json,
      'Accept-Language': 'de;q=1, en-GB;q=0.9, fr;q=0.5',
    });
    const error = errorOf(result);
    expect(error.message).toBe('The request contains invalid data.');
    expect(error.fields).toHaveLength(1);
    expect(JSON.stringify(error.fields)).not.toBe(
      JSON.stringify(errorOf(await post('{"decision":"MAYBE","count":1}')).fields),
    );
  });

  it('refuses unknown keys with the key as the field path', async () => {
    const result = await post(JSON.stringify({ decision: 'ELIGIBLE', count: 1, isAdmin: true }));
    expect(result.statusCode).toBe(400);
    expect(errorOf(result).fields).toEqual([{ path: 'isAdmin', message: expect.any(String) }]);
  });

  it('prefixes query and path parameter problems', async () => {
    const result = await decide(
      fakeEvent({
        routeKey: 'POST /reviews/{reviewId}/decision',
        claims: supervisor,
        headers: json,
        body: '{"decision":"ELIGIBLE","count":0}',
        path: { reviewId: 'not valid' },
      }),
      fakeContext(),
    );
    expect(result.statusCode).toBe(400);
    expect(errorOf(result).fields).toEqual([{ path: 'path.reviewId', message: expect.any(String) }]);
  });

  it('answers 401 when the request carries no identity', async () => {
    const result = await post('{}', json, null);
    expect(result.statusCode).toBe(401);
    expect(errorOf(result)).toEqual({ code: 'UNAUTHORIZED', message: 'Authentification requise.' });
  });

  it('answers 403 to a role the matrix does not grant, before reading the body', async () => {
    const result = await post('not json at all', json, claimsFor(['intake', 'operator']));
    expect(result.statusCode).toBe(403);
    expect(errorOf(result).code).toBe('FORBIDDEN');
  });

  it('answers 413 for an oversized body before parsing or checking its type', async () => {
    const huge = `{"note":"${'x'.repeat(300 * 1024)}`;
    const result = await post(huge, { 'content-type': 'text/plain' });
    expect(result.statusCode).toBe(413);
    expect(errorOf(result).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('measures a base64 body by its decoded size', async () => {
    const body = Buffer.alloc(300 * 1024, 0x20).toString('base64');
    const result = await decide(
      fakeEvent({
        routeKey: 'POST /reviews/{reviewId}/decision',
        claims: supervisor,
        headers: json,
        body,
        isBase64Encoded: true,
      }),
      fakeContext(),
    );
    expect(result.statusCode).toBe(413);
  });

  it('answers 415 to a body that is not JSON', async () => {
    const result = await post('decision=ELIGIBLE', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(result.statusCode).toBe(415);
    expect(errorOf(result).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('accepts JSON with a charset parameter', async () => {
    const result = await post('{"decision":"INELIGIBLE","count":0}', {
      'content-type': 'application/json; charset=UTF-8',
    });
    expect(result.statusCode).toBe(202);
  });

  it('answers 400 to malformed JSON without quoting it', async () => {
    const result = await post('{"decision": "Aminata Traoré", ');
    expect(result.statusCode).toBe(400);
    expect(errorOf(result).code).toBe('INVALID_JSON');
    expect(result.body).not.toContain('Aminata');
  });

  it('answers 400 to a missing body', async () => {
    const result = await post('');
    expect(result.statusCode).toBe(400);
    expect(errorOf(result).code).toBe('BODY_REQUIRED');
  });

  it('answers 400 to invalid UTF-8', async () => {
    const body = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('base64');
    const result = await decide(
      fakeEvent({
        routeKey: 'POST /reviews/{reviewId}/decision',
        claims: supervisor,
        headers: json,
        body,
        isBase64Encoded: true,
      }),
      fakeContext(),
    );
    expect(result.statusCode).toBe(400);
    expect(errorOf(result).code).toBe('INVALID_ENCODING');
  });

  it('refuses prototype-pollution keys at any depth', async () => {
    const result = await post('{"decision":"ELIGIBLE","count":1,"x":{"__proto__":{"polluted":true}}}');
    expect(result.statusCode).toBe(400);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('answers a plain 500 that leaks nothing, and logs identifiers only', async () => {
    const failing = httpHandler({
      route: 'GET /reviews',
      core: async () => {
        throw new Error('DynamoDB said no about Aminata Traoré, +223 70 00 00 00', {
          cause: new Error('inner detail Aminata'),
        });
      },
    });
    const logs = captureLogs();
    const result = await failing(
      fakeEvent({ routeKey: 'GET /reviews', claims: supervisor, headers: { 'accept-language': 'en' } }),
      fakeContext(),
    ).finally(logs.restore);
    expect(result.statusCode).toBe(500);
    expect(errorOf(result)).toEqual({ code: 'INTERNAL', message: expect.stringMatching(/^Internal error/) });
    expect(result.body).not.toContain('Aminata');
    expect(logs.text()).not.toContain('Aminata');
    expect(logs.text()).not.toContain('+223');
    const entry = logs.entries().find((line) => line['message'] === 'Request failed');
    expect(entry).toMatchObject({ requestId: 'req-123', routeKey: 'GET /reviews', error: { type: 'Error' } });
  });

  it('tags what the core logs with the route, the request and the Lambda context', async () => {
    const chatty = httpHandler({
      route: 'GET /gbv/stats',
      core: async () => {
        logger.warn('computing', { months: 3 });
        return {};
      },
    });
    const logs = captureLogs();
    await chatty(fakeEvent({ routeKey: 'GET /gbv/stats', claims: supervisor }), fakeContext()).finally(
      logs.restore,
    );
    expect(logs.entries()[0]).toMatchObject({
      message: 'computing',
      months: 3,
      routeKey: 'GET /gbv/stats',
      requestId: 'req-123',
      function_request_id: 'lambda-req-1',
    });
  });

  it('shows a caller error from the core with its own status', async () => {
    const missing = httpHandler({
      route: 'GET /gbv/cases/{caseId}',
      core: async (input) => {
        throw new NotFoundError({ entityType: 'gbv-case', entityId: String(input.path['caseId']) });
      },
    });
    const result = await missing(
      fakeEvent({ routeKey: 'GET /gbv/cases/{caseId}', claims: supervisor, path: { caseId: 'C1' } }),
      fakeContext(),
    );
    expect(result.statusCode).toBe(404);
    expect(errorOf(result)).toEqual({ code: 'NOT_FOUND', message: 'Ressource introuvable.' });
  });

  it('answers a domain error with its own status and message, as an API error', async () => {
    const short = httpHandler({
      route: 'GET /gbv/cases/{caseId}',
      core: async () => {
        throw new StockBelowZeroError(
          { type: 'ISSUE', kitType: 'FOOD', quantity: 3 } as StockMovement,
          EMPTY_BALANCE,
        );
      },
    });
    const result = await short(
      fakeEvent({ routeKey: 'GET /gbv/cases/{caseId}', claims: supervisor, path: { caseId: 'C1' } }),
      fakeContext(),
    );
    expect(result.statusCode).toBe(409);
    expect(errorOf(result).code).toBe('STOCK_INSUFFICIENT');
  });

  it('serves a public route without a token', async () => {
    const health = httpHandler({ route: 'GET /health', core: async () => ({ status: 'ok' }) });
    const result = await health(fakeEvent({ routeKey: 'GET /health' }), fakeContext());
    expect(result.statusCode).toBe(200);
  });

  it('sends a text reply as is, with its own status and content type', async () => {
    const csv = httpHandler({
      route: 'GET /sites/{siteId}/rounds/{round}/distribution-list',
      core: async () =>
        reply({ status: 200, body: 'voucher\nAB12\n', contentType: 'text/csv; charset=utf-8' }),
    });
    const result = await csv(
      fakeEvent({
        routeKey: 'GET /sites/{siteId}/rounds/{round}/distribution-list',
        claims: claimsFor(['intake']),
      }),
      fakeContext(),
    );
    expect(result.body).toBe('voucher\nAB12\n');
    expect(result.headers?.['content-type']).toBe('text/csv; charset=utf-8');
  });

  it('refuses, when built, a body schema that lets unknown keys through', () => {
    expect(() =>
      httpHandler({ route: 'POST /households', body: z.object({ a: z.string() }), core: async () => ({}) }),
    ).toThrow(/strict/);
    expect(() =>
      httpHandler({
        route: 'POST /kobo/submissions',
        body: z.looseObject({ _uuid: z.string() }),
        allowUnknownKeys: true,
        core: async () => ({}),
      }),
    ).not.toThrow();
  });

  it('authenticates Kobo by its shared secret and refuses a wrong or unset one', async () => {
    const kobo = httpHandler({
      route: 'POST /kobo/submissions',
      body: z.looseObject({ _uuid: z.string() }),
      allowUnknownKeys: true,
      core: async (input, context) => ({ uuid: input.body._uuid, by: context.principal.subject }),
    });
    const call = (secret?: string) =>
      kobo(
        fakeEvent({
          routeKey: 'POST /kobo/submissions',
          headers: { ...json, ...(secret ? { 'X-Kobo-Secret': secret } : {}) },
          body: '{"_uuid":"u-1","group/field":"x"}',
        }),
        fakeContext(),
      );
    expect((await call('anything')).statusCode).toBe(401);
    process.env['KOBO_SHARED_SECRET'] = 's3cret-value';
    expect((await call('wrong')).statusCode).toBe(401);
    expect((await call()).statusCode).toBe(401);
    const ok = await call('s3cret-value');
    expect(ok.statusCode).toBe(200);
    expect(JSON.parse(ok.body ?? '')).toEqual({ uuid: 'u-1', by: 'kobo' });
  });
});

describe('httpHandler ownership', () => {
  const readUpload = httpHandler({
    route: 'GET /uploads/{uploadId}',
    core: async (input, context) => {
      const owner = input.path['uploadId'] === 'U-FEDE' ? 'FeDe' : 'AMSS';
      context.authorize({ partnerId: owner });
      return { uploadId: input.path['uploadId'] };
    },
  });
  const partnerOf = (partnerId: string) => claimsFor(['partner'], { 'custom:partnerId': partnerId });
  const get = (uploadId: string, claims: Record<string, string>) =>
    readUpload(fakeEvent({ routeKey: 'GET /uploads/{uploadId}', claims, path: { uploadId } }), fakeContext());

  it('lets a partner read its own resource and refuses another organisation’s', async () => {
    expect((await get('U-FEDE', partnerOf('FeDe'))).statusCode).toBe(200);
    expect((await get('U-AMSS', partnerOf('FeDe'))).statusCode).toBe(403);
  });

  it('lets a role with an unconditional grant through the same check', async () => {
    expect((await get('U-AMSS', claimsFor(['supervisor']))).statusCode).toBe(200);
  });

  it('fails closed when a handler forgets the ownership check the matrix requires', async () => {
    const careless = httpHandler({ route: 'GET /uploads/{uploadId}', core: async () => ({ leaked: true }) });
    const logs = captureLogs();
    const asPartner = await careless(
      fakeEvent({ routeKey: 'GET /uploads/{uploadId}', claims: partnerOf('FeDe'), path: { uploadId: 'U' } }),
      fakeContext(),
    ).finally(logs.restore);
    expect(asPartner.statusCode).toBe(500);
    expect(asPartner.body).not.toContain('leaked');
  });

  it('gives list routes a scope instead of a refusal', async () => {
    const list = httpHandler({ route: 'GET /households', core: async (_input, context) => context.scope() });
    const call = (claims: Record<string, string>) =>
      list(fakeEvent({ routeKey: 'GET /households', claims }), fakeContext()).then((r) =>
        JSON.parse(r.body ?? ''),
      );
    expect(await call(partnerOf('FeDe'))).toEqual({ kind: 'partner', partnerId: 'FeDe' });
    expect(await call(claimsFor(['intake']))).toEqual({ kind: 'all' });
  });

  it('maps a ForbiddenError thrown by the core to 403', async () => {
    const refusing = httpHandler({
      route: 'GET /audit',
      core: async () => {
        throw new ForbiddenError();
      },
    });
    const result = await refusing(fakeEvent({ routeKey: 'GET /audit', claims: supervisor }), fakeContext());
    expect(result.statusCode).toBe(403);
  });
});
