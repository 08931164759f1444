import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { S3Event } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BulkIntakeNotConfiguredError,
  executionName,
  handler,
} from '../../../functions/bulk-intake/start-bulk-intake.ts';

const sfn = mockClient(SFNClient);
const ARN = 'arn:aws:states:eu-west-1:111122223333:stateMachine:bulk-intake';

function upload(key: string, versionId?: string): S3Event {
  return {
    Records: [
      {
        s3: { bucket: { name: 'uploads-bucket' }, object: { key, ...(versionId ? { versionId } : {}) } },
      },
    ],
  } as unknown as S3Event;
}

describe('start-bulk-intake', () => {
  beforeEach(() => vi.stubEnv('BULK_INTAKE_STATE_MACHINE_ARN', ARN));
  afterEach(() => {
    sfn.reset();
    vi.unstubAllEnvs();
  });

  it('starts one execution per object with its identifiers only, named after the object version', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: `${ARN}:x` });
    await handler(upload('uploads/partner-7/week+48%C3%A9.csv', 'v1'));
    const calls = sfn.commandCalls(StartExecutionCommand);
    expect(calls).toHaveLength(1);
    const input = {
      bucket: 'uploads-bucket',
      key: 'uploads/partner-7/week 48é.csv',
      versionId: 'v1',
      eTag: null,
    };
    expect(calls[0]?.args[0].input).toEqual({
      stateMachineArn: ARN,
      name: executionName(input),
      input: JSON.stringify(input),
    });
  });

  it('gives the same object version the same execution name, and another version another', () => {
    const a = { bucket: 'b', key: 'uploads/p/f.csv', versionId: 'v1' };
    expect(executionName(a)).toBe(executionName({ ...a }));
    expect(executionName(a)).not.toBe(executionName({ ...a, versionId: 'v2' }));
    expect(executionName(a)).toMatch(/^upload-[0-9a-f]{64}$/);
  });

  it('names the run after the ETag when the bucket keeps no versions', () => {
    const a = { bucket: 'b', key: 'uploads/p/f.csv', versionId: null };
    expect(executionName({ ...a, eTag: 'e1' })).toBe(executionName({ ...a, eTag: 'e1' }));
    expect(executionName({ ...a, eTag: 'e1' })).not.toBe(executionName({ ...a, eTag: 'e2' }));
  });

  it('treats a redelivered event whose execution already exists as done', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'exists', $metadata: {} }));
    await expect(handler(upload('uploads/p/f.csv', 'v1'))).resolves.toBeUndefined();
  });

  it('lets other failures through so Lambda retries and then dead-letters the event', async () => {
    sfn.on(StartExecutionCommand).rejects(new Error('throttled'));
    await expect(handler(upload('uploads/p/f.csv', 'v1'))).rejects.toThrow('throttled');
  });

  it('refuses to run without the workflow ARN', async () => {
    vi.stubEnv('BULK_INTAKE_STATE_MACHINE_ARN', '');
    await expect(handler(upload('uploads/p/f.csv'))).rejects.toBeInstanceOf(BulkIntakeNotConfiguredError);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });
});
