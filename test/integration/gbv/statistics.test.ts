/**
 * GET /gbv/stats by period on the local runtime: cases opened through the API, counted only when
 * reported in [from, to], small counts suppressed within the period, and a bad period refused
 * with the field named, in French and in English.
 */
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appCloud } from '../intake/intake-api.ts';
import { caseCommand, gbvApi, openCase, SUPERVISOR } from './gbv-api.ts';

const app = appCloud();
const api = gbvApi(app);

interface Cell {
  key: string;
  count: number | null;
  suppressed: boolean;
}
interface Statistics {
  period: { from: string | null; to: string | null };
  dimensions: Record<'incidentType' | 'month' | 'commune' | 'service', Cell[]>;
}

const statistics = async (query: string) => {
  const answer = await api.call<Statistics>('GET', `/gbv/stats?${query}`, SUPERVISOR);
  expect(answer.status, answer.text).toBe(200);
  return answer.body;
};

/** Two consecutive months of the last century that no case of the shared cloud was reported in. */
async function emptyMonths(): Promise<[string, string]> {
  for (;;) {
    const year = randomInt(1900, 2000);
    const month = randomInt(1, 12);
    const first = `${year}-${String(month).padStart(2, '0')}`;
    const second = `${year}-${String(month + 1).padStart(2, '0')}`;
    const seen = await statistics(`from=${first}-01&to=${second}-28`);
    if (seen.dimensions.month.length === 0) return [first, second];
  }
}

const reportedCase = (reportedAt: string) =>
  caseCommand({
    incidentDate: `${reportedAt.slice(0, 8)}01`,
    reportedAt,
    servicesNeeded: ['PSYCHOSOCIAL'],
    consent: {
      referrals: [{ service: 'PSYCHOSOCIAL', partnerId: 'FeDe', granted: true }],
      statistics: true,
    },
  });

describe('GET /gbv/stats by period on the local runtime', () => {
  it('counts the cases reported in the period only, suppressing small counts within it', async () => {
    const [first, second] = await emptyMonths();
    // Five reported on the 28th of the first month, the last instant of that day; two at the
    // first instant of the next month.
    for (let i = 0; i < 5; i++) await openCase(api, reportedCase(`${first}-28T23:59:59.000Z`));
    for (let i = 0; i < 2; i++) await openCase(api, reportedCase(`${second}-01T00:00:00.000Z`));

    const firstMonth = await statistics(`from=${first}-01&to=${first}-28`);
    expect(firstMonth.period).toEqual({ from: `${first}-01`, to: `${first}-28` });
    expect(firstMonth.dimensions.month).toEqual([{ key: first, count: 5, suppressed: false }]);
    expect(firstMonth.dimensions.service).toEqual([{ key: 'PSYCHOSOCIAL', count: 5, suppressed: false }]);

    // Two alone are under 5; the five are hidden with them so neither follows by subtraction.
    const both = await statistics(`from=${first}-01&to=${second}-01`);
    expect(both.dimensions.month).toEqual([
      { key: first, count: null, suppressed: true },
      { key: second, count: null, suppressed: true },
    ]);
    expect(both.dimensions.service).toEqual([{ key: 'PSYCHOSOCIAL', count: 7, suppressed: false }]);

    const secondDay = await statistics(`from=${second}-01&to=${second}-01`);
    expect(secondDay.dimensions.month).toEqual([{ key: second, count: null, suppressed: true }]);
    expect(JSON.stringify([firstMonth, both, secondDay])).not.toContain('SV-');
  });

  it('refuses a reversed period or a malformed day with the field named, in French and English', async () => {
    const reversed = await api.call<{ error: { fields: { path: string; message: string }[] } }>(
      'GET',
      '/gbv/stats?from=2026-03-01&to=2026-02-01',
      SUPERVISOR,
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.fields).toEqual([
      { path: 'query.to', message: 'La date doit être postérieure ou égale à 2026-03-01' },
    ]);
    const english = await api.call<{ error: { fields: { path: string; message: string }[] } }>(
      'GET',
      '/gbv/stats?from=2026-02-30',
      SUPERVISOR,
      undefined,
      { 'accept-language': 'en' },
    );
    expect(english.status).toBe(400);
    expect(english.body.error.fields.map((field) => field.path)).toEqual(['query.from']);
  });
});
