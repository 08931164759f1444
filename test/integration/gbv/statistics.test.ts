/**
 * GET /gbv/stats by period on the local runtime: cases opened through the API, counted only when
 * reported in the months [from, to], small counts suppressed month by month (a longer period adds
 * up the months, so comparing periods tells nothing the months do not), and a day or a reversed
 * period refused with the field named, in French and in English.
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
    const seen = await statistics(`from=${first}&to=${second}`);
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
  it('counts the cases reported in the months of the period only, suppressing small counts month by month', async () => {
    const [first, second] = await emptyMonths();
    // Five reported on the 28th of the first month, the last instant of that day; two at the
    // first instant of the next month.
    for (let i = 0; i < 5; i++) await openCase(api, reportedCase(`${first}-28T23:59:59.000Z`));
    for (let i = 0; i < 2; i++) await openCase(api, reportedCase(`${second}-01T00:00:00.000Z`));

    const firstMonth = await statistics(`from=${first}&to=${first}`);
    expect(firstMonth.period).toEqual({ from: first, to: first });
    expect(firstMonth.dimensions.month).toEqual([{ key: first, count: 5, suppressed: false }]);
    expect(firstMonth.dimensions.service).toEqual([{ key: 'PSYCHOSOCIAL', count: 5, suppressed: false }]);

    const secondMonth = await statistics(`from=${second}&to=${second}`);
    expect(secondMonth.dimensions.month).toEqual([{ key: second, count: null, suppressed: true }]);
    expect(secondMonth.dimensions.service).toEqual([{ key: 'PSYCHOSOCIAL', count: null, suppressed: true }]);

    // The two months together: showing 7 here would tell, against the first month's 5, the two
    // the second month withholds. What either month withholds stays withheld.
    const both = await statistics(`from=${first}&to=${second}`);
    expect(both.dimensions.month).toEqual([
      { key: first, count: 5, suppressed: false },
      { key: second, count: null, suppressed: true },
    ]);
    expect(both.dimensions.service).toEqual([{ key: 'PSYCHOSOCIAL', count: null, suppressed: true }]);
    expect(JSON.stringify([firstMonth, secondMonth, both])).not.toContain('SV-');
  });

  it('refuses a day, a reversed period or a malformed month with the field named, in French and English', async () => {
    type Refusal = { error: { fields: { path: string; message: string }[] } };
    const reversed = await api.call<Refusal>('GET', '/gbv/stats?from=2026-03&to=2026-02', SUPERVISOR);
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.fields).toEqual([
      { path: 'query.to', message: 'Le mois doit être postérieur ou égal à 2026-03' },
    ]);
    const day = await api.call<Refusal>('GET', '/gbv/stats?from=2026-02-01', SUPERVISOR, undefined, {
      'accept-language': 'en',
    });
    expect(day.status).toBe(400);
    expect(day.body.error.fields).toEqual([
      {
        path: 'query.from',
        message: 'A month is expected, YYYY-MM (e.g. 2026-03): statistics are released by whole months',
      },
    ]);
    const malformed = await api.call<Refusal>('GET', '/gbv/stats?to=2026-13', SUPERVISOR);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields.map((field) => field.path)).toEqual(['query.to']);
  });
});
