import * as z from 'zod';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { requireEnv } from '#shared/env.ts';
import { NotFoundError } from '#shared/errors/http-errors.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { createUploadStore } from '../adapters/uploads/upload-store.ts';
import { uploadProgress } from './upload-progress.ts';

/** GET /uploads/{uploadId}: status and progress (rows done, failed, left); the partner's own only. */
export const handler = httpHandler({
  route: 'GET /uploads/{uploadId}',
  path: z.strictObject({ uploadId: z.string().regex(/^[0-9A-Z]{26}$/) }),
  core: async ({ path }, context) => {
    const upload = await createUploadStore(documentClient, requireEnv('REGISTRY_TABLE')).get(path.uploadId);
    if (!upload) throw new NotFoundError({ entityType: 'upload', entityId: path.uploadId });
    context.authorize({ partnerId: upload.partnerId });
    return uploadProgress(upload);
  },
});
