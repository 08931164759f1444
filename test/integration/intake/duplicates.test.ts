import { describe, expect, it } from 'vitest';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { appCloud, intakeApi, pendingReview, settledHousehold } from './intake-api.ts';

const app = appCloud();
const api = intakeApi(app, 'it-duplicates');

const person = (givenName: string, familyName: string, site: string, birthYear = 1990) => {
  const command = aHouseholdCommand();
  return {
    ...command,
    headOfHousehold: { ...command.headOfHousehold, givenName, familyName, birthYear },
    location: { ...command.location, site },
  };
};
const register = async (body: unknown) => {
  const accepted = await api.call<{ householdId: string }>('POST', '/households', { role: 'intake', body });
  expect(accepted.status).toBe(202);
  return accepted.body.householdId;
};

describe('deduplication (local runtime)', () => {
  it('links an exact repeat (accents and case aside) to the first household instead of registering it twice', async () => {
    const first = await register(person('Fatoumata', 'Koné', 'SITE-IT-DUP'));
    expect((await settledHousehold(api, first)).household.status).toBe('ELIGIBLE');
    const repeat = await register(person('FATOUMATA', 'Kone', 'SITE-IT-DUP'));
    const page = await settledHousehold(api, repeat);
    expect(page.household).toMatchObject({ status: 'DUPLICATE', duplicateOf: first });
    expect(page.decision).toBeNull();
    const eligible = await api.call<{ items: { householdId: string }[] }>(
      'GET',
      '/households?site=SITE-IT-DUP&status=ELIGIBLE',
      { role: 'intake' },
    );
    expect(eligible.body.items.map((item) => item.householdId)).toEqual([first]);
  });

  it('sends a near match (one letter apart) to a supervisor, who links it as a duplicate', async () => {
    const first = await register(person('Aissata', 'Ongoïba', 'SITE-IT-NEAR', 1982));
    await settledHousehold(api, first);
    const near = await register(person('Aissata', 'Ongoïbo', 'SITE-IT-NEAR', 1982));
    const pending = await settledHousehold(api, near);
    expect(pending.household.status).toBe('PENDING_REVIEW');
    const reviewId = `${near}-duplicate`;
    const review = await pendingReview(api, reviewId);
    expect(review).toMatchObject({ kind: 'POSSIBLE_DUPLICATE', candidateHouseholdId: first });

    const wrongKind = await api.call('POST', `/reviews/${reviewId}/decision`, {
      role: 'supervisor',
      body: { decision: 'ELIGIBLE' },
    });
    expect(wrongKind.status).toBe(400);
    const decided = await api.call('POST', `/reviews/${reviewId}/decision`, {
      role: 'supervisor',
      body: { decision: 'DUPLICATE', note: 'Same head of household, spelling differs.' },
    });
    expect(decided.status).toBe(200);
    const linked = await settledHousehold(api, near, (page) => page.household.status === 'DUPLICATE');
    expect(linked.household.duplicateOf).toBe(first);
  });

  it('lets a near match the supervisor finds distinct go on to eligibility', async () => {
    const first = await register(person('Bintou', 'Kassogué', 'SITE-IT-NEAR2', 1975));
    await settledHousehold(api, first);
    const other = await register(person('Bintou', 'Kassogue', 'SITE-IT-NEAR2', 1976));
    expect((await settledHousehold(api, other)).household.status).toBe('PENDING_REVIEW');
    // The status is set by screening; the review itself by the next step, a moment later.
    await pendingReview(api, `${other}-duplicate`);
    const decided = await api.call('POST', `/reviews/${other}-duplicate/decision`, {
      role: 'supervisor',
      body: { decision: 'NOT_DUPLICATE' },
    });
    expect(decided.status).toBe(200);
    const done = await settledHousehold(api, other, (page) => page.household.status === 'ELIGIBLE');
    expect(done.decision).toMatchObject({ outcome: 'ELIGIBLE', decidedBy: 'rules' });
  });
});
