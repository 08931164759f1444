import { describe, expect, inject, it } from 'vitest';
import { tokenFor } from './cloud-clients.ts';

const cloud = inject('fixtureCloud');
const api = cloud.endpoints.api;

describe('operator console mount', () => {
  it('serves the console page, and its API to operators only', async () => {
    const page = await fetch(`${api}/console`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const operator = await tokenFor(cloud.dataDir, { role: 'operator' });
    const caseworker = await tokenFor(cloud.dataDir, { role: 'caseworker' });
    const machines = await fetch(`${api}/console/api/machines`, {
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(machines.status).toBe(200);
    expect(JSON.stringify(await machines.json())).toContain(cloud.stateMachineArns[0]);
    const refused = await fetch(`${api}/console/api/machines`, {
      headers: { authorization: `Bearer ${caseworker}` },
    });
    expect(refused.status).toBe(403);
    expect((await fetch(`${api}/console/api/machines`)).status).toBe(401);
  });
});
