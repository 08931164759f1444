import { describe, expect, it } from 'vitest';
import { appCloud } from '../intake/intake-api.ts';
import { allAwaiting, caseCommand, caseWhen, gbvApi, openCase, partner, referralFor } from './gbv-api.ts';

const app = appCloud();
const api = gbvApi(app);

interface ListPage {
  referrals: { referralId: string; caseId?: string; partnerId?: string }[];
  nextCursor: string | null;
}

/** Every referral the caller can list, page by page (the shared cloud holds other tests' cases too). */
async function listAll(caller: ReturnType<typeof partner>): Promise<ListPage['referrals']> {
  const seen: ListPage['referrals'] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=50&cursor=${cursor}` : '?limit=50';
    const answer = await api.call<ListPage>('GET', `/gbv/referrals${query}`, caller);
    expect(answer.status, answer.text).toBe(200);
    seen.push(...answer.body.referrals);
    cursor = answer.body.nextCursor;
  } while (cursor);
  return seen;
}

describe('GET /gbv/referrals on the local runtime', () => {
  it('lists to each partner only the referrals sent to it, and nothing of them to another partner', async () => {
    const { caseId } = await openCase(api, caseCommand({ riskLevel: 'HIGH' }));
    const page = await caseWhen(
      api,
      caseId,
      (p) => p.referrals.length === 2 && allAwaiting('PARTNER_RESPONSE')(p),
    );
    const toFeDe = referralFor(page, 'PSYCHOSOCIAL').referralId;
    const toAmss = referralFor(page, 'LEGAL').referralId;

    const fede = (await listAll(partner('FeDe'))).map((r) => r.referralId);
    const amss = (await listAll(partner('AMSS'))).map((r) => r.referralId);
    const other = (await listAll(partner('DeltaSurvie'))).map((r) => r.referralId);
    expect(fede).toContain(toFeDe);
    expect(fede).not.toContain(toAmss);
    expect(amss).toContain(toAmss);
    expect(amss).not.toContain(toFeDe);
    expect(other).not.toContain(toFeDe);
    expect(other).not.toContain(toAmss);

    // The minimal view: nothing that ties the referral to the case file or to another partner.
    const [first] = (await api.call<ListPage>('GET', '/gbv/referrals?limit=1', partner('FeDe'))).body
      .referrals;
    expect(first).toBeDefined();
    expect(first).not.toHaveProperty('caseId');
    expect(first).not.toHaveProperty('partnerId');

    // A partner cannot ask for another partner's inbox with a query parameter.
    const asked = await listAll(partner('DeltaSurvie'));
    expect(asked.map((r) => r.referralId)).toEqual(other);
    const sneaky = await api.call<ListPage>(
      'GET',
      '/gbv/referrals?partnerId=FeDe&limit=50',
      partner('DeltaSurvie'),
    );
    expect(sneaky.status).toBe(200);
    expect(sneaky.body.referrals.map((r) => r.referralId)).not.toContain(toFeDe);
  });
});
