import * as z from 'zod';
import { systemClock } from '#domain/ports/clock.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { s3Client } from '#shared/clients/s3.ts';
import { requireEnv } from '#shared/env.ts';
import { runOnce } from '#shared/idempotency/run-once.ts';
import { logger } from '#shared/observability/logger.ts';
import { taskHandler } from '#shared/task/task-handler.ts';
import { createIdentityOwner } from '../adapters/uploads/identity-guards.ts';
import { createUploadObjects } from '../adapters/uploads/upload-objects.ts';
import { createUploadStore } from '../adapters/uploads/upload-store.ts';
import { pcodeLookup } from '../intake/pcode-source.ts';
import { registrationDeps } from '../intake/registration-deps.ts';
import { householdCommandSchemaWith } from '../schemas/household.ts';
import { registerBatch } from './batch-registration.ts';
import { registerRow } from './row-registration.ts';

const objects = createUploadObjects(s3Client);
const once = runOnce({ scope: 'bulk-intake.row' });
// A partner re-sending a list usually does so within days, before or after its intakes finished.
const identityOnce = runOnce({ scope: 'bulk-intake.identity', expiresAfterSeconds: 7 * 24 * 60 * 60 });
const schema = householdCommandSchemaWith(pcodeLookup);

const batchSchema = z.strictObject({
  Items: z.array(z.strictObject({ i: z.int().min(0), row: z.int().min(1) })).min(1),
  BatchInput: z.strictObject({
    uploadId: z.string().min(1),
    partnerId: z.string().min(1),
    objectKey: z.string().min(1),
    version: z.string().nullable(),
    rowsPerChunk: z.int().min(1),
  }),
});

/** Map item processor "Register rows": a batch of row numbers → counts of each outcome. */
export const handler = taskHandler({
  name: 'bulk-intake.register-rows',
  input: batchSchema,
  core: async ({ Items, BatchInput }, { requestId, lambdaContext }) => {
    const table = requireEnv('REGISTRY_TABLE');
    const registration = registrationDeps();
    const identityOwner = createIdentityOwner(documentClient, table);
    return registerBatch(
      {
        objects,
        uploads: createUploadStore(documentClient, table),
        stagingBucket: requireEnv('REPORTS_BUCKET'),
        once,
        clock: systemClock,
        registerRow: (values, actor) =>
          registerRow(
            {
              schema,
              identityOwner,
              // With the Lambda context, a row cut short by a timeout frees its identity when the Lambda would have ended.
              identityOnce: (key, fingerprint, work) => identityOnce(key, fingerprint, work, lambdaContext),
              registration,
            },
            values,
            actor,
          ),
        onRowDeferred: (rowNumber, error) =>
          logger.warn('Row left for the next attempt', { rowNumber, error }),
      },
      { items: Items, input: BatchInput, requestId, lambdaContext },
    );
  },
});
