import * as z from 'zod';
import { systemClock } from '#domain/ports/clock.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { s3Client } from '#shared/clients/s3.ts';
import { requireEnv } from '#shared/env.ts';
import { taskHandler } from '#shared/task/task-handler.ts';
import { createUploadObjects } from '../adapters/uploads/upload-objects.ts';
import { createUploadStore } from '../adapters/uploads/upload-store.ts';
import { MAX_PARTNER_UPLOAD_BYTES } from '../schemas/upload-request.ts';
import { checkUploadedFile } from './file-check.ts';

const objects = createUploadObjects(s3Client);

/** Workflow task "Check file": the object's location → accepted (rows staged) or rejected (why). */
export const handler = taskHandler({
  name: 'bulk-intake.check-file',
  input: z.strictObject({
    bucket: z.string().min(1),
    key: z.string().min(1),
    version: z.string().nullable(),
  }),
  core: async (input) =>
    checkUploadedFile(
      {
        objects,
        uploads: createUploadStore(documentClient, requireEnv('REGISTRY_TABLE')),
        stagingBucket: requireEnv('REPORTS_BUCKET'),
        maxBytes: MAX_PARTNER_UPLOAD_BYTES,
        clock: systemClock,
      },
      input,
    ),
});
