import * as z from 'zod';
import { systemClock } from '#domain/ports/clock.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { s3Client } from '#shared/clients/s3.ts';
import { requireEnv } from '#shared/env.ts';
import { taskHandler } from '#shared/task/task-handler.ts';
import { createUploadObjects } from '../adapters/uploads/upload-objects.ts';
import { createUploadStore } from '../adapters/uploads/upload-store.ts';
import { writeResultsReport } from './report-writing.ts';

const objects = createUploadObjects(s3Client);

/** Workflow task "Write report": the results CSV and summary JSON in the reports bucket. */
export const handler = taskHandler({
  name: 'bulk-intake.write-report',
  input: z.strictObject({ uploadId: z.string().min(1), mapFailed: z.boolean() }),
  core: async (input) =>
    writeResultsReport(
      {
        objects,
        uploads: createUploadStore(documentClient, requireEnv('REGISTRY_TABLE')),
        reportsBucket: requireEnv('REPORTS_BUCKET'),
        clock: systemClock,
      },
      input,
    ),
});
