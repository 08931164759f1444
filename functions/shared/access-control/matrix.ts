import type { Role } from './principal.ts';
import type { Rule } from './rules.ts';

/**
 * How a route authenticates: a Cognito JWT (verified by the HTTP API authorizer), a shared
 * secret header (KoboToolbox cannot hold a token), or nothing at all.
 */
export type RouteAuth = 'jwt' | 'shared-secret' | 'public';

export interface RouteAccess {
  auth: RouteAuth;
  /** Who may call it and under which rule; a role absent here is refused (403). */
  grants: Readonly<Partial<Record<Role, Rule>>>;
  /** A list whose rows are filtered by ownership (`listScope`) rather than refused. */
  list?: true;
  summary: string;
}

const supervisorOnly = { supervisor: 'any' } as const;
const siteStaff = { intake: 'any', supervisor: 'any' } as const;

/**
 * The access-control matrix: route × role × ownership. Handlers authorize through it and
 * tests iterate it, so the table is the single answer to "who may do what".
 * Deliberate choices: `intake` and `operator` see nothing of GBV; `operator` (technical
 * operations, through the Step Functions console) reads no personal data through the API;
 * caseworkers work on GBV cases only, not on the household registry.
 */
export const ACCESS_MATRIX = {
  'GET /health': { auth: 'public', grants: {}, summary: 'Liveness' },
  'GET /openapi.json': { auth: 'public', grants: {}, summary: 'OpenAPI document' },

  'POST /households': {
    auth: 'jwt',
    grants: { intake: 'any', partner: 'any', supervisor: 'any' },
    summary: 'Register a household (a partner registers under its own organisation)',
  },
  'POST /kobo/submissions': { auth: 'shared-secret', grants: {}, summary: 'KoboToolbox REST service' },
  'GET /households/{id}': {
    auth: 'jwt',
    grants: { intake: 'any', supervisor: 'any', partner: 'ownPartner' },
    summary: 'Read a household, its decision and allocations',
  },
  'GET /households': {
    auth: 'jwt',
    grants: { intake: 'any', supervisor: 'any', partner: 'ownPartner' },
    list: true,
    summary: 'List households',
  },
  'GET /reviews': { auth: 'jwt', grants: supervisorOnly, list: true, summary: 'List reviews' },
  'POST /reviews/{reviewId}/decision': { auth: 'jwt', grants: supervisorOnly, summary: 'Decide a review' },

  'POST /sites/{siteId}/stock/receipts': {
    auth: 'jwt',
    grants: siteStaff,
    summary: 'Record a stock receipt',
  },
  'POST /sites/{siteId}/stock/counts': { auth: 'jwt', grants: siteStaff, summary: 'Record a physical count' },
  'GET /sites/{siteId}/stock': { auth: 'jwt', grants: siteStaff, summary: 'Stock levels of a site' },
  'POST /allocations/{allocationId}/confirmation': {
    auth: 'jwt',
    grants: { intake: 'any', supervisor: 'any', partner: 'ownPartner' },
    summary: 'Confirm a distribution',
  },
  'POST /documents/upload-url': {
    auth: 'jwt',
    grants: { intake: 'any', supervisor: 'any', partner: 'any' },
    summary: 'Presigned URL for a proof document (key under the caller’s prefix)',
  },
  'GET /sites/{siteId}/rounds/{round}/distribution-list': {
    auth: 'jwt',
    grants: siteStaff,
    summary: 'Distribution list (JSON or CSV)',
  },
  'GET /sites/{siteId}/rounds/{round}/verification-sample': {
    auth: 'jwt',
    grants: siteStaff,
    summary: 'Post-distribution verification sample',
  },
  'POST /allocations/{allocationId}/verification': {
    auth: 'jwt',
    grants: siteStaff,
    summary: 'Record a verification outcome',
  },

  'POST /gbv/cases': { auth: 'jwt', grants: { caseworker: 'any' }, summary: 'Open a GBV case' },
  'GET /gbv/cases': {
    auth: 'jwt',
    grants: { caseworker: 'assignedCaseworker', supervisor: 'any' },
    list: true,
    summary: 'List GBV cases',
  },
  'GET /gbv/cases/{caseId}': {
    auth: 'jwt',
    grants: { caseworker: 'assignedCaseworker', supervisor: 'any' },
    summary: 'Read a GBV case',
  },
  'POST /gbv/cases/{caseId}/follow-ups': {
    auth: 'jwt',
    grants: { caseworker: 'assignedCaseworker' },
    summary: 'Record a follow-up visit',
  },
  'POST /gbv/cases/{caseId}/closure-request': {
    auth: 'jwt',
    grants: { caseworker: 'assignedCaseworker' },
    summary: 'Request closure',
  },
  'POST /gbv/cases/{caseId}/closure-decision': {
    auth: 'jwt',
    grants: supervisorOnly,
    summary: 'Approve or refuse closure',
  },
  'POST /gbv/cases/{caseId}/consent-withdrawal': {
    auth: 'jwt',
    grants: { caseworker: 'assignedCaseworker', supervisor: 'any' },
    summary: 'Withdraw consent (revokes pending referrals)',
  },
  'POST /gbv/cases/{caseId}/consent-override': {
    auth: 'jwt',
    grants: { supervisor: { permission: 'gbv-consent-override' } },
    summary: 'Record a consent override with a reason',
  },
  'GET /gbv/referrals': {
    auth: 'jwt',
    grants: { partner: 'ownPartner', caseworker: 'assignedCaseworker', supervisor: 'any' },
    list: true,
    summary: 'List referrals (a partner sees only those sent to it)',
  },
  'GET /gbv/referrals/{referralId}': {
    auth: 'jwt',
    grants: { partner: 'ownPartner', caseworker: 'assignedCaseworker', supervisor: 'any' },
    summary: 'Read a referral (minimum needed to deliver the service)',
  },
  'POST /gbv/referrals/{referralId}/response': {
    auth: 'jwt',
    grants: { partner: 'ownPartner' },
    summary: 'Accept or decline a referral (receiving partner only)',
  },
  'POST /gbv/referrals/{referralId}/implementation': {
    auth: 'jwt',
    grants: { partner: 'ownPartner' },
    summary: 'Record the service as implemented',
  },
  'POST /gbv/referrals/{referralId}/reassignment': {
    auth: 'jwt',
    grants: { caseworker: 'assignedCaseworker' },
    summary: 'Send a returned referral to another partner',
  },
  'GET /gbv/stats': { auth: 'jwt', grants: supervisorOnly, summary: 'Non-identifying statistics' },

  'POST /uploads': {
    auth: 'jwt',
    grants: { partner: 'any' },
    summary: 'Presigned upload URL under the partner’s own prefix',
  },
  'GET /uploads/{uploadId}': {
    auth: 'jwt',
    grants: { partner: 'ownPartner', supervisor: 'any' },
    summary: 'Progress of a bulk upload',
  },

  'POST /households/{id}/erasure': { auth: 'jwt', grants: supervisorOnly, summary: 'Erase personal data' },
  'GET /audit': { auth: 'jwt', grants: supervisorOnly, list: true, summary: 'Read the audit trail' },
} as const satisfies Record<string, RouteAccess>;

/** An API Gateway route key (`METHOD /path`), exactly as `event.routeKey` carries it. */
export type RouteKey = keyof typeof ACCESS_MATRIX;

export const ROUTE_KEYS = Object.keys(ACCESS_MATRIX) as RouteKey[];

export function routeAccess(routeKey: RouteKey): RouteAccess {
  return ACCESS_MATRIX[routeKey];
}
