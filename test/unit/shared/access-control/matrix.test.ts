import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '#shared/access-control/principal.ts';
import {
  ACCESS_MATRIX,
  isAllowed,
  listScope,
  type Principal,
  ROUTE_KEYS,
  type RouteKey,
  renderMatrixMarkdown,
} from '#shared/access-control.ts';

const PERSONAS = {
  intake: { subject: 'u-intake', roles: ['intake'], permissions: [], via: 'jwt' },
  caseworker: { subject: 'u-cw', roles: ['caseworker'], permissions: [], via: 'jwt' },
  otherCaseworker: { subject: 'u-cw2', roles: ['caseworker'], permissions: [], via: 'jwt' },
  supervisor: { subject: 'u-sup', roles: ['supervisor'], permissions: ['gbv-consent-override'], via: 'jwt' },
  plainSupervisor: { subject: 'u-sup2', roles: ['supervisor'], permissions: [], via: 'jwt' },
  partner: { subject: 'u-p', roles: ['partner'], partnerId: 'FeDe', permissions: [], via: 'jwt' },
  otherPartner: { subject: 'u-p2', roles: ['partner'], partnerId: 'AMSS', permissions: [], via: 'jwt' },
  partnerWithoutOrg: { subject: 'u-p3', roles: ['partner'], permissions: [], via: 'jwt' },
  operator: { subject: 'u-op', roles: ['operator'], permissions: [], via: 'jwt' },
  noRole: { subject: 'u-none', roles: [], permissions: [], via: 'jwt' },
  anonymous: ANONYMOUS,
  kobo: { subject: 'kobo', roles: [], permissions: [], via: 'shared-secret' },
} satisfies Record<string, Principal>;
type Persona = keyof typeof PERSONAS;

/** The resource in every check: owned by partner FeDe, assigned to caseworker u-cw. */
const RESOURCE = { partnerId: 'FeDe', assignedCaseworkerId: 'u-cw' };

const all: Persona[] = Object.keys(PERSONAS) as Persona[];
const supervisors: Persona[] = ['supervisor', 'plainSupervisor'];
const staff: Persona[] = ['intake', ...supervisors];

/**
 * Who may act on RESOURCE, written out by hand from issues 5–10: the matrix must agree with
 * this independent statement, route by route.
 */
const EXPECTED: Record<RouteKey, Persona[]> = {
  'GET /health': all,
  'GET /openapi.json': all,
  'POST /households': [...staff, 'partner', 'otherPartner', 'partnerWithoutOrg'],
  'POST /kobo/submissions': ['kobo'],
  'GET /households/{id}': [...staff, 'partner'],
  'GET /households': [...staff, 'partner'],
  'GET /reviews': supervisors,
  'POST /reviews/{reviewId}/decision': supervisors,
  'POST /sites/{siteId}/stock/receipts': staff,
  'POST /sites/{siteId}/stock/counts': staff,
  'GET /sites/{siteId}/stock': staff,
  'POST /allocations/{allocationId}/confirmation': [...staff, 'partner'],
  'POST /documents/upload-url': [...staff, 'partner', 'otherPartner', 'partnerWithoutOrg'],
  'GET /sites/{siteId}/rounds/{round}/distribution-list': staff,
  'GET /sites/{siteId}/rounds/{round}/verification-sample': staff,
  'POST /allocations/{allocationId}/verification': staff,
  'POST /gbv/cases': ['caseworker', 'otherCaseworker'],
  'GET /gbv/cases': ['caseworker', ...supervisors],
  'GET /gbv/cases/{caseId}': ['caseworker', ...supervisors],
  'POST /gbv/cases/{caseId}/follow-ups': ['caseworker'],
  'POST /gbv/cases/{caseId}/closure-request': ['caseworker'],
  'POST /gbv/cases/{caseId}/closure-decision': supervisors,
  'POST /gbv/cases/{caseId}/consent-withdrawal': ['caseworker', ...supervisors],
  'POST /gbv/cases/{caseId}/consent-override': ['supervisor'],
  'GET /gbv/referrals': ['partner', 'caseworker', ...supervisors],
  'GET /gbv/referrals/{referralId}': ['partner', 'caseworker', ...supervisors],
  'POST /gbv/referrals/{referralId}/response': ['partner'],
  'POST /gbv/referrals/{referralId}/implementation': ['partner'],
  'POST /gbv/referrals/{referralId}/reassignment': ['caseworker'],
  'GET /gbv/stats': supervisors,
  'POST /uploads': ['partner', 'otherPartner', 'partnerWithoutOrg'],
  'GET /uploads/{uploadId}': ['partner', ...supervisors],
  'POST /households/{id}/erasure': supervisors,
  'GET /audit': supervisors,
};

describe('access-control matrix', () => {
  for (const routeKey of ROUTE_KEYS) {
    it(`answers every persona as expected on ${routeKey}`, () => {
      const allowed = all.filter((persona) => isAllowed(PERSONAS[persona], routeKey, RESOURCE));
      expect(allowed.sort()).toEqual([...new Set(EXPECTED[routeKey])].sort());
    });
  }

  it('covers exactly the routes of the written expectation', () => {
    expect([...ROUTE_KEYS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('shows nothing of GBV to intake or operator, whatever the resource', () => {
    const gbv = ROUTE_KEYS.filter((routeKey) => routeKey.includes('/gbv/'));
    expect(gbv.length).toBeGreaterThan(10);
    for (const routeKey of gbv) {
      for (const persona of ['intake', 'operator'] as const) {
        expect(isAllowed(PERSONAS[persona], routeKey, RESOURCE)).toBe(false);
        expect(isAllowed(PERSONAS[persona], routeKey)).toBe(false);
      }
    }
  });

  it('refuses an ownership rule when the handler passes no resource (fail closed)', () => {
    expect(isAllowed(PERSONAS.partner, 'GET /households/{id}')).toBe(false);
    expect(isAllowed(PERSONAS.caseworker, 'GET /gbv/cases/{caseId}')).toBe(false);
  });

  it('never matches a partner without an organisation to a resource without one', () => {
    expect(isAllowed(PERSONAS.partnerWithoutOrg, 'GET /uploads/{uploadId}', {})).toBe(false);
  });

  it('names routes as API Gateway route keys', () => {
    for (const routeKey of ROUTE_KEYS) expect(routeKey).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/[\w{}./-]*$/);
  });

  it('scopes lists by the caller instead of refusing them', () => {
    expect(listScope(PERSONAS.partner, 'GET /gbv/referrals')).toEqual({ kind: 'partner', partnerId: 'FeDe' });
    expect(listScope(PERSONAS.caseworker, 'GET /gbv/cases')).toEqual({
      kind: 'caseworker',
      caseworkerId: 'u-cw',
    });
    expect(listScope(PERSONAS.supervisor, 'GET /gbv/cases')).toEqual({ kind: 'all' });
    expect(() => listScope(PERSONAS.partnerWithoutOrg, 'GET /households')).toThrow('not allowed');
    expect(() => listScope(PERSONAS.intake, 'GET /gbv/referrals')).toThrow('not allowed');
  });

  it('renders one Markdown row per route with a column per role', () => {
    const markdown = renderMatrixMarkdown();
    const rows = markdown.split('\n');
    expect(rows[0]).toBe('| Route | Auth | intake | caseworker | supervisor | partner | operator | What |');
    expect(rows).toHaveLength(ROUTE_KEYS.length + 2);
    expect(markdown).toContain(
      '| `GET /gbv/referrals` | jwt | — | assignedCaseworker (filtered) | yes | ownPartner (filtered) | — | List referrals (a partner sees only those sent to it) |',
    );
    expect(markdown).toContain('permission:gbv-consent-override');
    expect(Object.keys(ACCESS_MATRIX)).toHaveLength(ROUTE_KEYS.length);
  });
});
