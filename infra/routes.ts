import type { FunctionUses } from './bindings.ts';
import type { Role } from './roles.ts';

export type HttpVerb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP route. The service stack creates one Lambda per distinct `function` (an entry file
 * under `functions/`), grants it what `uses` lists, and adds the route behind the JWT
 * authorizer unless `roles` is `'public'`.
 *
 * `roles` also reaches the function as `ROUTE_ROLES` (comma-separated): the authorizer only
 * proves who the caller is, the handler decides whether that role may act.
 */
export interface RouteSpec {
  readonly method: HttpVerb;
  readonly path: string;
  readonly function: string;
  readonly roles: readonly Role[] | 'public';
  /**
   * Why a public route needs no JWT; becomes the reason of its cdk-nag acknowledgment (e.g.
   * "KoboToolbox cannot hold a token: the handler checks the shared-secret header").
   */
  readonly publicBecause?: string;
  readonly uses?: FunctionUses;
}

/** Every route of the API. Adding an endpoint is adding a row. */
export const ROUTES: readonly RouteSpec[] = [
  {
    method: 'GET',
    path: '/health',
    function: 'health/get-health.ts',
    roles: 'public',
    publicBecause: 'Liveness probe for uptime checks: it returns only a status and the code version.',
  },
  // Intake (issue 5)
  {
    method: 'POST',
    path: '/households',
    function: 'intake/register-household.ts',
    roles: ['intake', 'partner', 'supervisor'],
    uses: {
      tables: { registry: 'readWrite', idempotency: 'readWrite', audit: 'append' },
      workflows: { intake: 'start' },
    },
  },
  {
    method: 'POST',
    path: '/kobo/submissions',
    function: 'kobo/receive-submission.ts',
    roles: 'public',
    publicBecause: 'KoboToolbox cannot hold a token: the handler checks the shared-secret header.',
    uses: {
      tables: { registry: 'readWrite', idempotency: 'readWrite', audit: 'append', config: 'read' },
      workflows: { intake: 'start' },
    },
  },
  {
    method: 'GET',
    path: '/households/{id}',
    function: 'households/get-household.ts',
    roles: ['intake', 'partner', 'supervisor'],
    uses: { tables: { registry: 'read' } },
  },
  {
    method: 'GET',
    path: '/households',
    function: 'households/list-households.ts',
    roles: ['intake', 'partner', 'supervisor'],
    uses: { tables: { registry: 'read' } },
  },
  {
    method: 'GET',
    path: '/reviews',
    function: 'reviews/list-reviews.ts',
    roles: ['supervisor'],
    uses: { tables: { registry: 'read' } },
  },
  {
    method: 'POST',
    path: '/reviews/{reviewId}/decision',
    function: 'reviews/decide-review.ts',
    roles: ['supervisor'],
    uses: { tables: { registry: 'readWrite', audit: 'append' }, workflows: { intake: 'taskResponse' } },
  },
  // Partner uploads (issue 8)
  {
    method: 'POST',
    path: '/uploads',
    function: 'uploads/create-upload.ts',
    roles: ['partner'],
    // Presigning needs no object access; the grant is what the signed POST may then do.
    uses: {
      tables: { registry: 'readWrite' },
      buckets: { uploads: { access: 'write', prefix: 'uploads/' } },
    },
  },
  {
    method: 'GET',
    path: '/uploads/{uploadId}',
    function: 'uploads/get-upload.ts',
    roles: ['partner', 'supervisor'],
    uses: { tables: { registry: 'read' } },
  },
  {
    method: 'GET',
    path: '/openapi.json',
    function: 'households/get-openapi.ts',
    roles: 'public',
    publicBecause: 'The OpenAPI document describes the API; it holds no data.',
  },
  // Kit dispatch (issue 6)
  {
    method: 'POST',
    path: '/sites/{siteId}/stock/receipts',
    function: 'stock/receive-stock.ts',
    roles: ['intake', 'supervisor'],
    uses: {
      tables: { registry: 'readWrite', idempotency: 'readWrite', audit: 'append' },
      workflows: { 'kit-dispatch': 'taskResponse' },
    },
  },
  {
    method: 'POST',
    path: '/sites/{siteId}/stock/counts',
    function: 'stock/count-stock.ts',
    roles: ['intake', 'supervisor'],
    uses: {
      tables: { registry: 'readWrite', idempotency: 'readWrite', audit: 'append' },
      workflows: { 'kit-dispatch': 'taskResponse' },
    },
  },
  {
    method: 'GET',
    path: '/sites/{siteId}/stock',
    function: 'stock/get-stock.ts',
    roles: ['intake', 'supervisor'],
    uses: { tables: { registry: 'read' } },
  },
  {
    method: 'POST',
    path: '/allocations/{allocationId}/confirmation',
    function: 'allocations/confirm-allocation.ts',
    roles: ['intake', 'partner', 'supervisor'],
    uses: {
      tables: { registry: 'readWrite', idempotency: 'readWrite', audit: 'append' },
      workflows: { 'kit-dispatch': 'taskResponse' },
    },
  },
  {
    method: 'POST',
    path: '/documents/upload-url',
    function: 'documents/create-upload-url.ts',
    roles: ['intake', 'partner', 'supervisor'],
    uses: { buckets: { documents: { access: 'write', prefix: 'documents/' } } },
  },
  {
    method: 'GET',
    path: '/sites/{siteId}/rounds/{round}/distribution-list',
    function: 'allocations/get-distribution-list.ts',
    roles: ['intake', 'supervisor'],
    uses: { tables: { registry: 'read' } },
  },
  {
    method: 'GET',
    path: '/sites/{siteId}/rounds/{round}/verification-sample',
    function: 'allocations/get-verification-sample.ts',
    roles: ['intake', 'supervisor'],
    uses: { tables: { registry: 'read' } },
  },
  {
    method: 'POST',
    path: '/allocations/{allocationId}/verification',
    function: 'allocations/record-verification.ts',
    roles: ['intake', 'supervisor'],
    uses: { tables: { registry: 'readWrite', audit: 'append' } },
  },
  // GBV (issue 7): every function touching the protection table gets a /protection/ role.
  ...gbvRoutes(),
  // Hardening (issue 10): the audit trail, read by supervisors.
  {
    method: 'GET',
    path: '/audit',
    function: 'audit/get-audit.ts',
    roles: ['supervisor'],
    uses: { tables: { audit: 'read' } },
  },
  // Hardening (issue 10): erasure of a household's personal data, by supervisors.
  {
    method: 'POST',
    path: '/households/{id}/erasure',
    function: 'erasure/erase-household.ts',
    roles: ['supervisor'],
    uses: { tables: { registry: 'readWrite', audit: 'append' } },
  },
];

/** GBV routes (issue 7): the protection table, the audit trail, and the gbv-referral workflow. */
function gbvRoutes(): RouteSpec[] {
  const read: FunctionUses = { tables: { protection: 'read', audit: 'append' } };
  const act: FunctionUses = {
    tables: { protection: 'readWrite', audit: 'append' },
    workflows: { 'gbv-referral': 'taskResponse' },
  };
  const route = (method: HttpVerb, path: string, entry: string, roles: Role[], uses: FunctionUses) => ({
    method,
    path,
    function: `gbv/${entry}`,
    roles,
    uses,
  });
  return [
    route('POST', '/gbv/cases', 'open-gbv-case.ts', ['caseworker'], {
      tables: { protection: 'readWrite', audit: 'append', idempotency: 'readWrite' },
      workflows: { 'gbv-referral': 'start' },
    }),
    route('GET', '/gbv/cases/{caseId}', 'get-gbv-case.ts', ['caseworker', 'supervisor'], read),
    route('GET', '/gbv/cases', 'list-gbv-cases.ts', ['caseworker', 'supervisor'], read),
    route('GET', '/gbv/referrals', 'list-referrals.ts', ['partner', 'caseworker', 'supervisor'], read),
    route(
      'GET',
      '/gbv/referrals/{referralId}',
      'get-referral.ts',
      ['partner', 'caseworker', 'supervisor'],
      read,
    ),
    route('POST', '/gbv/referrals/{referralId}/response', 'respond-to-referral.ts', ['partner'], act),
    route('POST', '/gbv/referrals/{referralId}/implementation', 'record-implementation.ts', ['partner'], act),
    route('POST', '/gbv/referrals/{referralId}/reassignment', 'reassign-referral.ts', ['caseworker'], act),
    route('POST', '/gbv/cases/{caseId}/follow-ups', 'record-follow-up.ts', ['caseworker'], act),
    route('POST', '/gbv/cases/{caseId}/closure-request', 'request-closure.ts', ['caseworker'], act),
    route('POST', '/gbv/cases/{caseId}/closure-decision', 'decide-closure.ts', ['supervisor'], act),
    route(
      'POST',
      '/gbv/cases/{caseId}/consent-withdrawal',
      'withdraw-consent.ts',
      ['caseworker', 'supervisor'],
      act,
    ),
    route('POST', '/gbv/cases/{caseId}/consent-override', 'override-consent.ts', ['supervisor'], act),
    route('GET', '/gbv/stats', 'get-statistics.ts', ['supervisor'], read),
  ];
}
