import * as z from 'zod';
import { allocationConfirmationSchema } from '../allocation-confirmation.ts';
import { acknowledgedSchema, genericObjectSchema, presignedUploadSchema } from '../responses.ts';
import { stockCountSchema, stockReceiptSchema } from '../stock.ts';
import { documentUploadRequestSchema } from '../upload-request.ts';
import { verificationOutcomeSchema } from '../verification-outcome.ts';
import type { RouteSpec } from './route-spec.ts';

/** Stock, allocations, distribution lists and verification (issue 6). */
export const KIT_DISPATCH_ROUTES: RouteSpec[] = [
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
];
