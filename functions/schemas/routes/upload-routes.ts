import { genericObjectSchema, presignedUploadSchema } from '../responses.ts';
import { partnerUploadRequestSchema } from '../upload-request.ts';
import type { RouteSpec } from './route-spec.ts';

/** Partner uploads (issue 8). */
export const UPLOAD_ROUTES: RouteSpec[] = [
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
