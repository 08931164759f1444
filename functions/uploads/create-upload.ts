import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { ulid } from 'ulid';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { s3Client } from '#shared/clients/s3.ts';
import { requireEnv } from '#shared/env.ts';
import { ForbiddenError } from '#shared/errors/http-errors.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { uploadObjectKey } from '../adapters/uploads/keys.ts';
import { createUploadStore } from '../adapters/uploads/upload-store.ts';
import { partnerUploadRequestSchema } from '../schemas/upload-request.ts';

/** Long enough to send a large list on a slow link; short enough not to linger. */
export const UPLOAD_EXPIRES_IN_SECONDS = 30 * 60;

/**
 * POST /uploads (partner): a presigned POST for a beneficiary list. The policy fixes the key to
 * `uploads/<partnerId>/<uploadId>/<fileName>` (the caller's own prefix, from its token), the
 * content type, and a content-length-range up to the declared size: S3 refuses anything else.
 * The upload is recorded so GET /uploads/{uploadId} can follow it.
 */
export const handler = httpHandler({
  route: 'POST /uploads',
  body: partnerUploadRequestSchema,
  successStatus: 201,
  core: async ({ body }, context) => {
    const partnerId = context.principal.partnerId;
    if (!partnerId) throw new ForbiddenError();
    const uploadId = ulid();
    const key = uploadObjectKey(partnerId, uploadId, body.fileName);
    const at = new Date().toISOString();
    await createUploadStore(documentClient, requireEnv('REGISTRY_TABLE')).create({
      uploadId,
      partnerId,
      fileName: body.fileName,
      objectKey: key,
      status: 'AWAITING_FILE',
      createdAt: at,
      updatedAt: at,
    });
    const { url, fields } = await createPresignedPost(s3Client, {
      Bucket: requireEnv('UPLOADS_BUCKET'),
      Key: key,
      Conditions: [
        ['eq', '$Content-Type', body.contentType],
        ['content-length-range', 1, body.sizeBytes],
      ],
      Fields: { 'Content-Type': body.contentType },
      Expires: UPLOAD_EXPIRES_IN_SECONDS,
    });
    return {
      uploadId,
      key,
      url,
      method: 'POST',
      fields,
      maxBytes: body.sizeBytes,
      expiresInSeconds: UPLOAD_EXPIRES_IN_SECONDS,
    };
  },
});
