import { createHash } from 'node:crypto';
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { S3Event, S3EventRecord } from 'aws-lambda';

/** The function was deployed without the workflow it starts. */
export class BulkIntakeNotConfiguredError extends Error {
  constructor() {
    super('BULK_INTAKE_STATE_MACHINE_ARN is not set: the bulk-intake workflow is not deployed');
    this.name = 'BulkIntakeNotConfiguredError';
  }
}

const sfn = new SFNClient({});

/** What the workflow receives: where the upload is, never what it contains. */
export interface BulkIntakeInput {
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string | null;
  /** Stands for the version on a bucket without versioning: a new content is a new run. */
  readonly eTag: string | null;
}

/** S3 URL-encodes keys in events, with `+` for spaces. */
function objectKey(record: S3EventRecord): string {
  return decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
}

/**
 * Execution names are unique per state machine for 90 days, so naming the execution after the
 * object version (or its ETag when the bucket keeps no versions) makes a redelivered S3 event
 * start nothing new, while a new content under the same key still starts a run.
 */
export function executionName(
  input: Pick<BulkIntakeInput, 'bucket' | 'key' | 'versionId'> & { eTag?: string | null },
): string {
  const digest = createHash('sha256')
    .update(`${input.bucket}\n${input.key}\n${input.versionId ?? input.eTag ?? ''}`)
    .digest('hex');
  return `upload-${digest.slice(0, 64)}`;
}

/** Starts one bulk-intake execution per uploaded object. */
export async function handler(event: S3Event): Promise<void> {
  const stateMachineArn = process.env.BULK_INTAKE_STATE_MACHINE_ARN;
  if (!stateMachineArn) throw new BulkIntakeNotConfiguredError();
  for (const record of event.Records) {
    const input: BulkIntakeInput = {
      bucket: record.s3.bucket.name,
      key: objectKey(record),
      versionId: record.s3.object.versionId ?? null,
      eTag: record.s3.object.eTag ?? null,
    };
    try {
      await sfn.send(
        new StartExecutionCommand({
          stateMachineArn,
          name: executionName(input),
          input: JSON.stringify(input),
        }),
      );
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  }
}
