import * as z from 'zod';
import { allocationConfirmationSchema } from './allocation-confirmation.ts';
import { closureDecisionSchema, closureRequestSchema } from './closure.ts';
import { consentOverrideSchema, consentWithdrawalSchema } from './consent-change.ts';
import { followUpSchema } from './follow-up.ts';
import { gbvCaseCommandSchema } from './gbv-case.ts';
import { householdCommandSchema } from './household.ts';
import { koboSubmissionSchema } from './kobo-submission.ts';
import { referralCompletionSchema, referralResponseSchema } from './referral-response.ts';
import {
  acknowledgedSchema,
  genericObjectSchema,
  householdAcceptedSchema,
  presignedUploadSchema,
} from './responses.ts';
import { reviewDecisionSchema } from './review-decision.ts';
import { stockCountSchema, stockReceiptSchema } from './stock.ts';
import { documentUploadRequestSchema, partnerUploadRequestSchema } from './upload-request.ts';
import { verificationOutcomeSchema } from './verification-outcome.ts';

/** Cognito groups (JWT claim `cognito:groups`). */
export type Role = 'intake' | 'caseworker' | 'supervisor' | 'partner' | 'operator';

/** One HTTP route: enough for the OpenAPI document, for infra to declare it, and for handlers to share. */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI-style path, parameters in braces (also the HTTP API route key syntax). */
  path: string;
  operationId: string;
  summary: string;
  /** Groups allowed; empty means no JWT (Kobo uses a shared secret header, openapi.json is public). */
  roles: readonly Role[];
  body?: z.ZodType;
  query?: z.ZodObject;
  successStatus: number;
  response?: z.ZodType;
  /** Whether an `Idempotency-Key` header is honoured. */
  idempotencyKey?: boolean;
}

const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().optional(),
};

/**
 * Routes of issues 5–8. Other folders extend the API by adding entries here (or by passing a longer
 * list to `openApiDocument`).
 */
export const ROUTES: RouteSpec[] = [
  // Intake (issue 5)
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
    path: '/households/{householdId}',
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
    query: z.object({ site: z.string().optional(), status: z.string().optional(), ...pageQuery }),
    successStatus: 200,
    response: genericObjectSchema,
  },
  {
    method: 'get',
    path: '/reviews',
    operationId: 'listReviews',
    summary: 'Eligibility reviews and possible duplicates',
    roles: ['supervisor'],
    query: z.object({ status: z.enum(['PENDING', 'DECIDED']).optional(), ...pageQuery }),
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
  // Kit dispatch (issue 6)
  {
    method: 'post',
    path: '/sites/{siteId}/stock/receipts',
    operationId: 'receiveStock',
    summary: 'Record kits received at a site',
    roles: ['supervisor', 'operator'],
    body: stockReceiptSchema,
    successStatus: 201,
    response: acknowledgedSchema,
    idempotencyKey: true,
  },
  {
    method: 'post',
    path: '/sites/{siteId}/stock/counts',
    operationId: 'countStock',
    summary: 'Record a physical count; a difference creates a reconciliation entry',
    roles: ['supervisor', 'operator'],
    body: stockCountSchema,
    successStatus: 201,
    response: acknowledgedSchema,
    idempotencyKey: true,
  },
  {
    method: 'get',
    path: '/sites/{siteId}/stock',
    operationId: 'getStock',
    summary: 'Available, reserved and distributed kits at a site',
    roles: ['supervisor', 'operator', 'intake'],
    successStatus: 200,
    response: genericObjectSchema,
  },
  {
    method: 'post',
    path: '/allocations/{allocationId}/confirmation',
    operationId: 'confirmAllocation',
    summary: 'Confirm a distribution (all, some or none of the kits)',
    roles: ['intake', 'partner', 'supervisor'],
    body: allocationConfirmationSchema,
    successStatus: 200,
    response: acknowledgedSchema,
    idempotencyKey: true,
  },
  {
    method: 'post',
    path: '/documents/upload-url',
    operationId: 'createDocumentUploadUrl',
    summary: 'A presigned URL for a proof-of-distribution document',
    roles: ['intake', 'partner', 'supervisor'],
    body: documentUploadRequestSchema,
    successStatus: 201,
    response: presignedUploadSchema,
  },
  {
    method: 'get',
    path: '/sites/{siteId}/rounds/{round}/distribution-list',
    operationId: 'getDistributionList',
    summary: 'Distribution list with voucher codes (JSON, or CSV with Accept: text/csv)',
    roles: ['intake', 'partner', 'supervisor'],
    successStatus: 200,
    response: genericObjectSchema,
  },
  {
    method: 'get',
    path: '/sites/{siteId}/rounds/{round}/verification-sample',
    operationId: 'getVerificationSample',
    summary: 'Random sample of distributed allocations for post-distribution calls',
    roles: ['supervisor'],
    query: z.object({ size: z.coerce.number().int().min(1).max(1000).optional() }),
    successStatus: 200,
    response: genericObjectSchema,
  },
  {
    method: 'post',
    path: '/allocations/{allocationId}/verification',
    operationId: 'recordVerification',
    summary: 'Record the outcome of a post-distribution verification call',
    roles: ['supervisor', 'intake'],
    body: verificationOutcomeSchema,
    successStatus: 200,
    response: acknowledgedSchema,
  },
  // GBV (issue 7)
  {
    method: 'post',
    path: '/gbv/cases',
    operationId: 'openGbvCase',
    summary: 'Open a GBV case (survivor code generated)',
    roles: ['caseworker'],
    body: gbvCaseCommandSchema,
    successStatus: 201,
    response: z.object({ caseId: z.string(), survivorCode: z.string() }).meta({ id: 'GbvCaseOpened' }),
    idempotencyKey: true,
  },
  {
    method: 'get',
    path: '/gbv/cases/{caseId}',
    operationId: 'getGbvCase',
    summary: 'A case (assigned caseworker and supervisors only)',
    roles: ['caseworker', 'supervisor'],
    successStatus: 200,
    response: genericObjectSchema,
  },
  {
    method: 'post',
    path: '/gbv/referrals/{referralId}/response',
    operationId: 'respondToReferral',
    summary: 'Accept or decline a referral (receiving partner only)',
    roles: ['partner'],
    body: referralResponseSchema,
    successStatus: 200,
    response: acknowledgedSchema,
  },
  {
    method: 'post',
    path: '/gbv/referrals/{referralId}/completion',
    operationId: 'completeReferral',
    summary: 'Record the service as implemented',
    roles: ['partner'],
    body: referralCompletionSchema,
    successStatus: 200,
    response: acknowledgedSchema,
  },
  {
    method: 'post',
    path: '/gbv/cases/{caseId}/follow-ups',
    operationId: 'recordFollowUp',
    summary: 'Record a follow-up visit',
    roles: ['caseworker'],
    body: followUpSchema,
    successStatus: 201,
    response: acknowledgedSchema,
  },
  {
    method: 'post',
    path: '/gbv/cases/{caseId}/closure',
    operationId: 'requestClosure',
    summary: 'Ask a supervisor to close the case',
    roles: ['caseworker'],
    body: closureRequestSchema,
    successStatus: 202,
    response: acknowledgedSchema,
  },
  {
    method: 'post',
    path: '/gbv/cases/{caseId}/closure/decision',
    operationId: 'decideClosure',
    summary: 'Approve or reject a closure request',
    roles: ['supervisor'],
    body: closureDecisionSchema,
    successStatus: 200,
    response: acknowledgedSchema,
  },
  {
    method: 'post',
    path: '/gbv/cases/{caseId}/consent/withdrawal',
    operationId: 'withdrawConsent',
    summary: 'Withdraw consent; pending referrals it covers are revoked',
    roles: ['caseworker'],
    body: consentWithdrawalSchema,
    successStatus: 200,
    response: acknowledgedSchema,
  },
  {
    method: 'post',
    path: '/gbv/cases/{caseId}/consent/override',
    operationId: 'overrideConsent',
    summary: 'Refer without consent (supervisor with override permission; audited)',
    roles: ['supervisor'],
    body: consentOverrideSchema,
    successStatus: 200,
    response: acknowledgedSchema,
  },
  {
    method: 'get',
    path: '/gbv/stats',
    operationId: 'getGbvStatistics',
    summary: 'Counts by incident type, month, commune and service; small counts suppressed',
    roles: ['supervisor'],
    query: z.object({ from: z.string().optional(), to: z.string().optional() }),
    successStatus: 200,
    response: genericObjectSchema,
  },
  // Partner uploads (issue 8)
  {
    method: 'post',
    path: '/uploads',
    operationId: 'createPartnerUploadUrl',
    summary: "A presigned URL under the partner's own prefix",
    roles: ['partner'],
    body: partnerUploadRequestSchema,
    successStatus: 201,
    response: presignedUploadSchema,
  },
  {
    method: 'get',
    path: '/uploads/{uploadId}',
    operationId: 'getUploadProgress',
    summary: 'Rows done, failed and left for an upload',
    roles: ['partner', 'supervisor', 'operator'],
    successStatus: 200,
    response: genericObjectSchema,
  },
];
