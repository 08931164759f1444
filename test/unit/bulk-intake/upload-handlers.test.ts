import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { handler as createUpload } from '../../../functions/uploads/create-upload.ts';
import { handler as getUpload } from '../../../functions/uploads/get-upload.ts';
import { claimsFor, fakeContext, fakeEvent } from '../shared/fakes.ts';

const dynamo = mockClient(documentClient);
afterEach(() => dynamo.reset());
beforeAll(() => {
  Object.assign(process.env, {
    REGISTRY_TABLE: 'registry-test',
    UPLOADS_BUCKET: 'uploads-test',
    AWS_REGION: 'eu-west-3',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
});

const partner = (partnerId: string) => claimsFor(['partner'], { 'custom:partnerId': partnerId });
const post = (claims: Record<string, string>, body: unknown) =>
  createUpload(
    fakeEvent({
      routeKey: 'POST /uploads',
      claims,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    fakeContext(),
  );

describe('POST /uploads', () => {
  it('answers a presigned POST whose policy fixes the key under the caller’s prefix, the type and the size', async () => {
    dynamo.on(PutCommand).resolves({});
    const response = await post(partner('FeDe'), {
      fileName: 'liste.csv',
      contentType: 'text/csv',
      sizeBytes: 1234,
    });
    expect(response.statusCode).toBe(201);
    const body = JSON.parse(String(response.body));
    expect(body.key).toMatch(/^uploads\/FeDe\/[0-9A-Z]{26}\/liste\.csv$/);
    expect(body.fields.key).toBe(body.key);
    const policy = JSON.parse(Buffer.from(body.fields.Policy, 'base64').toString());
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['eq', '$Content-Type', 'text/csv'],
        ['content-length-range', 1, 1234],
        { key: body.key },
        { bucket: 'uploads-test' },
      ]),
    );
    const stored = dynamo.commandCalls(PutCommand)[0]?.args[0].input;
    expect(stored?.Item).toMatchObject({
      pk: `UPLOAD#${body.uploadId}`,
      sk: 'UPLOAD',
      partnerId: 'FeDe',
      status: 'AWAITING_FILE',
    });
  });

  it('refuses a file name that would leave the prefix, and a size over the limit, with field messages', async () => {
    const response = await post(partner('FeDe'), {
      fileName: '../AMSS/x.csv',
      contentType: 'text/csv',
      sizeBytes: 10 ** 9,
    });
    expect(response.statusCode).toBe(400);
    const fields = JSON.parse(String(response.body)).error.fields.map(
      (field: { path: string }) => field.path,
    );
    expect(fields).toEqual(expect.arrayContaining(['fileName', 'sizeBytes']));
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('refuses a caller that is not a partner, or a partner token without organisation', async () => {
    expect(
      (await post(claimsFor(['supervisor']), { fileName: 'a.csv', contentType: 'text/csv', sizeBytes: 1 }))
        .statusCode,
    ).toBe(403);
    expect(
      (await post(claimsFor(['partner']), { fileName: 'a.csv', contentType: 'text/csv', sizeBytes: 1 }))
        .statusCode,
    ).toBe(403);
  });
});

describe('GET /uploads/{uploadId}', () => {
  const UPLOAD_ID = '01JD3Q4Z5X6Y7W8V9T0S1R2Q3P';
  const get = (claims: Record<string, string>) =>
    getUpload(
      fakeEvent({ routeKey: 'GET /uploads/{uploadId}', claims, path: { uploadId: UPLOAD_ID } }),
      fakeContext(),
    );
  const item = {
    pk: `UPLOAD#${UPLOAD_ID}`,
    sk: 'UPLOAD',
    uploadId: UPLOAD_ID,
    partnerId: 'FeDe',
    fileName: 'liste.csv',
    objectKey: `uploads/FeDe/${UPLOAD_ID}/liste.csv`,
    status: 'PROCESSING',
    rowsTotal: 1000,
    registered: 400,
    duplicate: 20,
    invalid: 15,
    createdAt: 'a',
    updatedAt: 'b',
  };

  it('says how many rows are done, failed and left while the file is processed', async () => {
    dynamo.on(GetCommand).resolves({ Item: item });
    const response = await get(partner('FeDe'));
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(String(response.body))).toMatchObject({
      status: 'PROCESSING',
      rowsTotal: 1000,
      done: 420,
      failed: 15,
      left: 565,
    });
  });

  it('hides another partner’s upload, and lets a supervisor see any', async () => {
    dynamo.on(GetCommand).resolves({ Item: item });
    expect((await get(partner('AMSS'))).statusCode).toBe(403);
    expect((await get(claimsFor(['supervisor']))).statusCode).toBe(200);
  });

  it('answers 404 for an unknown upload', async () => {
    dynamo.on(GetCommand).resolves({});
    expect((await get(partner('FeDe'))).statusCode).toBe(404);
  });
});
