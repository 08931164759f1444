import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '#shared/clients/dynamodb.ts';
import type { CaseRecord } from '../../../functions/adapters/protection/records.ts';
import { handler as getStatistics } from '../../../functions/gbv/get-statistics.ts';
import { openApiDocument } from '../../../functions/schemas/openapi.ts';
import { claimsFor, fakeContext, fakeEvent } from '../shared/fakes.ts';
import { aCase } from './gbv-setup.ts';

const dynamo = mockClient(documentClient);
const ROUTE = 'GET /gbv/stats';

let cases: CaseRecord[] = [];
/** `n` consented cases reported on a day, in a commune. */
const seed = (n: number, reportedAt: string, commune = 'ML0506') => {
  for (let i = 0; i < n; i++)
    cases.push(
      aCase({ caseId: `C${cases.length}`, reportedAt, commune, survivorCode: `SV-AAAA-${cases.length}` }),
    );
};

beforeEach(() => {
  cases = [];
  dynamo.on(QueryCommand).callsFake(() => ({ Items: cases.map((c) => ({ gsi1pk: 'CASES', ...c })) }));
  dynamo.on(TransactWriteCommand).resolves({});
});
afterEach(() => dynamo.reset());

type Cell = { key: string; count: number | null; suppressed: boolean };
type Answer = { statusCode: number; body?: string };
const call = (query?: Record<string, string>, headers: Record<string, string> = {}) =>
  getStatistics(
    fakeEvent({
      routeKey: ROUTE,
      claims: claimsFor(['supervisor']),
      headers,
      ...(query ? { query } : {}),
    }) as never,
    fakeContext() as never,
  ) as Promise<Answer>;
const body = (result: Answer) =>
  JSON.parse(String(result.body)) as {
    period: { from: string | null; to: string | null };
    dimensions: Record<string, Cell[]>;
  };
const months = (result: Answer) => body(result).dimensions['month'];
const auditedPeriod = () => {
  const items = dynamo.commandCalls(TransactWriteCommand).flatMap((c) => c.args[0].input.TransactItems ?? []);
  return items.map((item) => item.Put?.Item?.['relatedIds']).find((ids) => ids !== undefined);
};

describe('GET /gbv/stats', () => {
  beforeEach(() => {
    seed(6, '2026-01-31T23:30:00Z');
    seed(7, '2026-02-01T00:10:00Z');
    seed(5, '2026-02-28T12:00:00Z');
    seed(8, '2026-03-01T08:00:00Z');
  });

  it('counts every case without a period, as before', async () => {
    const result = await call();
    expect(result.statusCode).toBe(200);
    expect(body(result).period).toEqual({ from: null, to: null });
    expect(months(result)).toEqual([
      { key: '2026-01', count: 6, suppressed: false },
      { key: '2026-02', count: 12, suppressed: false },
      { key: '2026-03', count: 8, suppressed: false },
    ]);
  });

  it('counts only the cases reported in the months [from, to], both inclusive', async () => {
    const result = await call({ from: '2026-02', to: '2026-02' });
    expect(result.statusCode).toBe(200);
    expect(body(result).period).toEqual({ from: '2026-02', to: '2026-02' });
    expect(months(result)).toEqual([{ key: '2026-02', count: 12, suppressed: false }]);
    expect(body(result).dimensions['commune']).toEqual([{ key: 'ML0506', count: 12, suppressed: false }]);
    expect(auditedPeriod()).toEqual({ from: '2026-02', to: '2026-02' });
  });

  it('takes either end alone', async () => {
    expect(months(await call({ from: '2026-02' }))).toEqual([
      { key: '2026-02', count: 12, suppressed: false },
      { key: '2026-03', count: 8, suppressed: false },
    ]);
    expect(months(await call({ to: '2026-01' }))).toEqual([{ key: '2026-01', count: 6, suppressed: false }]);
  });

  it('suppresses small counts month by month, also over several months', async () => {
    seed(3, '2026-02-10T09:00:00Z', 'ML0501');
    const february = await call({ from: '2026-02', to: '2026-02' });
    // ML0501 (3) is under 5; the next smallest is hidden with it so neither is recoverable.
    expect(body(february).dimensions['commune']).toEqual([
      { key: 'ML0501', count: null, suppressed: true },
      { key: 'ML0506', count: null, suppressed: true },
    ]);
    // Over the quarter ML0506 has 6 + 12 + 8 = 26, but February's share was withheld: adding it
    // back would let the quarter minus January and March tell February's count.
    const quarter = await call({ from: '2026-01', to: '2026-03' });
    expect(body(quarter).dimensions['commune']).toEqual([
      { key: 'ML0501', count: null, suppressed: true },
      { key: 'ML0506', count: null, suppressed: true },
    ]);
    expect(february.body).not.toContain('SV-');
    expect(quarter.body).not.toContain('SV-');
  });

  it('answers 400 with the field, in French and English, on a day, a bad month, a reversed period or an unknown key', async () => {
    for (const [query, field] of [
      [{ from: '2026-02-01' }, 'query.from'],
      [{ to: '2026-02-28' }, 'query.to'],
      [{ from: '2026-13' }, 'query.from'],
      [{ to: '02/2026' }, 'query.to'],
      [{ from: '2026-03', to: '2026-02' }, 'query.to'],
      [{ since: '2026-01' }, 'query.since'],
    ] as const) {
      const result = await call(query);
      expect(result.statusCode, JSON.stringify(query)).toBe(400);
      expect(result.body, JSON.stringify(query)).toContain(`"${field}"`);
    }
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    // French by default, English when the caller asks for it.
    const day = { from: '2026-02-01' };
    expect((await call(day)).body).toContain('Mois attendu, AAAA-MM');
    expect((await call(day, { 'accept-language': 'en' })).body).toContain('A month is expected, YYYY-MM');
    const reversed = { from: '2026-03', to: '2026-02' };
    expect((await call(reversed)).body).toContain('Le mois doit être postérieur ou égal à 2026-03');
    expect((await call(reversed, { 'accept-language': 'en' })).body).toContain(
      'The month must be 2026-03 or later',
    );
  });

  it('documents the period in the OpenAPI document as the handler validates it', () => {
    const operation = (openApiDocument()['paths'] as Record<string, Record<string, unknown>>)['/gbv/stats']?.[
      'get'
    ] as { parameters: { name: string; in: string; schema: { pattern?: string } }[] };
    const query = operation.parameters.filter((parameter) => parameter.in === 'query');
    expect(query.map((parameter) => parameter.name)).toEqual(['from', 'to']);
    for (const parameter of query) {
      const pattern = new RegExp(parameter.schema.pattern ?? 'missing');
      expect(pattern.test('2026-03'), parameter.name).toBe(true);
      expect(pattern.test('2026-03-01'), parameter.name).toBe(false);
      expect(pattern.test('2026-13'), parameter.name).toBe(false);
    }
  });
});
