import { DescribeExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import type { S3Event } from 'aws-lambda';
import { describe, expect, inject, it } from 'vitest';
import { beneficiaryListCsv } from '../../fixtures/domain/beneficiary-csv.ts';
import type { BootedCloud } from '../global-setup.ts';
import { bulkApi } from './bulk-api.ts';

function appCloud(): BootedCloud {
  const app = inject('appCloud');
  if ('error' in app) throw new Error(`the local cloud did not start from infra/: ${app.error}`);
  return app;
}

describe('partner uploads: presigned POST and notifications', () => {
  const app = appCloud();
  const api = bulkApi(app);
  const csv = new TextEncoder().encode(
    beneficiaryListCsv(3, 0, { site: `ACC-${Date.now().toString(36)}` }).csv,
  );

  it('signs a POST fixed to the partner’s own prefix; another key, a bigger file or another type is refused', async () => {
    const presigned = await api.presign('FeDe', 'liste.csv', csv.length);
    expect(presigned.key).toMatch(/^uploads\/FeDe\/[0-9A-Z]{26}\/liste\.csv$/);

    const elsewhere = await api.post(presigned, csv, { key: `uploads/AMSS/${presigned.uploadId}/liste.csv` });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.text).toContain('AccessDenied');
    const outside = await api.post(presigned, csv, { key: 'reports/FeDe/x.csv' });
    expect(outside.status).toBe(403);
    const bigger = await api.post(presigned, new Uint8Array([...csv, ...csv]));
    expect(bigger.status).toBe(400);
    expect(bigger.text).toContain('EntityTooLarge');
    const html = await api.post(presigned, csv, { 'Content-Type': 'text/html' });
    expect(html.status).toBe(403);
    // A policy rewritten by the caller no longer matches its signature.
    const forged = JSON.parse(Buffer.from(presigned.fields['Policy']!, 'base64').toString());
    forged.conditions = forged.conditions.map((c: unknown) =>
      typeof c === 'object' && c !== null && 'key' in c ? { key: 'uploads/AMSS/forged.csv' } : c,
    );
    const rewritten = await api.post(presigned, csv, {
      key: 'uploads/AMSS/forged.csv',
      Policy: Buffer.from(JSON.stringify(forged)).toString('base64'),
    });
    expect(rewritten.status).toBe(403);
    expect(rewritten.text).toContain('SignatureDoesNotMatch');

    expect((await api.post(presigned, csv)).status).toBe(204);
  });

  it('refuses POST /uploads to anyone but a partner, and another partner’s upload progress', async () => {
    const presigned = await api.presign('FeDe', 'liste.csv', csv.length);
    const supervisor = await api.call(
      'POST',
      '/uploads',
      { role: 'supervisor' },
      {
        fileName: 'x.csv',
        contentType: 'text/csv',
        sizeBytes: 10,
      },
    );
    expect(supervisor.status).toBe(403);
    const tooBig = await api.call(
      'POST',
      '/uploads',
      { role: 'partner', partnerId: 'FeDe' },
      {
        fileName: '../AMSS/x.csv',
        contentType: 'text/csv',
        sizeBytes: 10 ** 9,
      },
    );
    expect(tooBig.status).toBe(400);
    expect((await api.progress(presigned.uploadId, 'AMSS')).status).toBe(403);
    expect((await api.progress(presigned.uploadId, 'FeDe')).body).toMatchObject({ status: 'AWAITING_FILE' });
  });

  it('starts one run when S3 delivers the same notification twice', async () => {
    const own = new TextEncoder().encode(
      beneficiaryListCsv(3, 0, { site: `TWICE-${Date.now().toString(36)}` }).csv,
    );
    const upload = await api.upload('DeltaSurvie', 'liste.csv', own);
    const { last } = await api.finished(upload.uploadId, 'DeltaSurvie', 300_000);
    expect(last).toMatchObject({ status: 'COMPLETED', registered: 3 });

    const stateMachineArn = app.stateMachineArns.find((arn) => /bulk/i.test(arn))!;
    const runs = async () => {
      const listed = await api.clients.sfn.send(
        new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }),
      );
      const inputs = await Promise.all(
        (listed.executions ?? []).map(async (execution) => {
          const described = await api.clients.sfn.send(
            new DescribeExecutionCommand({ executionArn: execution.executionArn }),
          );
          return {
            name: execution.name,
            input: JSON.parse(described.input ?? '{}') as Record<string, string | null>,
          };
        }),
      );
      return inputs.filter((run) => run.input['key'] === upload.key);
    };
    const [first, ...others] = await runs();
    expect(others).toEqual([]);
    const delivered = first!.input;

    // The starter function, as Lambda runs it, against the local Step Functions.
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SFN: app.endpoints.stepfunctions,
      AWS_REGION: app.endpoints.region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      BULK_INTAKE_STATE_MACHINE_ARN: stateMachineArn,
    });
    const { handler, executionName } = await import('../../../functions/bulk-intake/start-bulk-intake.ts');
    const event = {
      Records: [
        {
          s3: {
            bucket: { name: delivered['bucket'] },
            object: {
              key: encodeURIComponent(upload.key),
              ...(delivered['versionId'] ? { versionId: delivered['versionId'] } : {}),
              ...(delivered['eTag'] ? { eTag: delivered['eTag'] } : {}),
            },
          },
        },
      ],
    } as unknown as S3Event;
    await handler(event);
    await handler(event);

    expect((await runs()).map((run) => run.name)).toEqual([
      executionName({
        bucket: String(delivered['bucket']),
        key: upload.key,
        versionId: delivered['versionId'] ?? null,
        eTag: delivered['eTag'] ?? null,
      }),
    ]);
    expect((await api.progress(upload.uploadId, 'DeltaSurvie')).body).toMatchObject({
      registered: 3,
      duplicate: 0,
    });
  }, 600_000);
});
