import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ulid } from 'ulid';
import { s3Client } from '#shared/clients/s3.ts';
import { requireEnv } from '#shared/env.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { documentUploadRequestSchema } from '../schemas/upload-request.ts';

/** Long enough to take a photo and send it on a slow link; short enough not to linger. */
const EXPIRES_IN_SECONDS = 15 * 60;

/**
 * POST /documents/upload-url: a presigned PUT for a proof-of-distribution document, under the
 * caller's organisation (`documents/<partnerId or staff>/<uploadId>-<fileName>`). The key goes
 * into the confirmation as `proofDocumentKey`. Content type and length are signed, so the upload
 * must be what was declared.
 */
export const handler = httpHandler({
  route: 'POST /documents/upload-url',
  body: documentUploadRequestSchema,
  successStatus: 201,
  core: async ({ body }, context) => {
    const uploadId = ulid();
    const owner = context.principal.partnerId ?? 'staff';
    const key = `documents/${owner}/${uploadId}-${body.fileName}`;
    const url = await getSignedUrl(
      s3Client,
      new PutObjectCommand({
        Bucket: requireEnv('DOCUMENTS_BUCKET'),
        Key: key,
        ContentType: body.contentType,
        ContentLength: body.sizeBytes,
      }),
      { expiresIn: EXPIRES_IN_SECONDS, signableHeaders: new Set(['content-type', 'content-length']) },
    );
    return {
      uploadId,
      key,
      url,
      method: 'PUT',
      headers: { 'Content-Type': body.contentType, 'Content-Length': String(body.sizeBytes) },
      fields: {},
      expiresInSeconds: EXPIRES_IN_SECONDS,
    };
  },
});
