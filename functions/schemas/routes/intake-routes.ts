// The handlers' own query schemas, so the document says what they accept.
import { listHouseholdsQuerySchema } from '../../households/list-households-query.ts';
import { listReviewsQuerySchema } from '../../reviews/list-reviews-query.ts';
import { householdCommandSchema } from '../household.ts';
import { koboSubmissionSchema } from '../kobo-submission.ts';
import { acknowledgedSchema, genericObjectSchema, householdAcceptedSchema } from '../responses.ts';
import { reviewDecisionSchema } from '../review-decision.ts';
import type { RouteSpec } from './route-spec.ts';

/** Household intake, Kobo ingest and supervisor reviews (issue 5). */
export const INTAKE_ROUTES: RouteSpec[] = [
  {
    method: 'post',
    path: '/households',
    operationId: 'registerHousehold',
    summary: 'Register a household',
    roles: ['intake', 'partner', 'supervisor'],
    body: householdCommandSchema,
    successStatus: 202,
    response: householdAcceptedSchema,
    idempotencyKey: true,
  },
  {
    method: 'post',
    path: '/kobo/submissions',
    operationId: 'ingestKoboSubmission',
    summary: 'Receive a KoboToolbox REST-service submission of the intake form (idempotent on _uuid)',
    roles: [],
    body: koboSubmissionSchema,
    successStatus: 202,
    response: householdAcceptedSchema,
  },
  {
    method: 'get',
    path: '/households/{id}',
    operationId: 'getHousehold',
    summary: 'A household with its eligibility decision and allocations',
    roles: ['intake', 'partner', 'supervisor'],
    successStatus: 200,
    response: genericObjectSchema,
  },
  {
    method: 'get',
    path: '/households',
    operationId: 'listHouseholds',
    summary: 'Households by site and status, paginated',
    roles: ['intake', 'partner', 'supervisor'],
    query: listHouseholdsQuerySchema,
    successStatus: 200,
    response: genericObjectSchema,
  },
  {
    method: 'get',
    path: '/reviews',
    operationId: 'listReviews',
    summary: 'Eligibility reviews and possible duplicates',
    roles: ['supervisor'],
    query: listReviewsQuerySchema,
    successStatus: 200,
    response: genericObjectSchema,
  },
  {
    method: 'post',
    path: '/reviews/{reviewId}/decision',
    operationId: 'decideReview',
    summary: 'Record a supervisor decision',
    roles: ['supervisor'],
    body: reviewDecisionSchema,
    successStatus: 200,
    response: acknowledgedSchema,
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    roles: [],
    successStatus: 200,
  },
];
