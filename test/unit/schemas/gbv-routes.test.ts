import { describe, expect, it } from 'vitest';
import { GBV_ROUTES } from '../../../functions/schemas/routes/gbv-routes.ts';
import { ROUTES as INFRA_ROUTES } from '../../../infra/routes.ts';

describe('GBV routes of the OpenAPI document', () => {
  it('are exactly the GBV routes infra deploys, with the same roles', () => {
    const documented = GBV_ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path} ${[...r.roles].sort()}`);
    const deployed = INFRA_ROUTES.filter((r) => r.path.startsWith('/gbv/')).map(
      (r) => `${r.method} ${r.path} ${[...r.roles].sort()}`,
    );
    expect(documented.sort()).toEqual(deployed.sort());
  });
});
