import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { parse } from 'csv-parse/sync';
import { cloudClients, eventually, tokenFor } from '../cloud/cloud-clients.ts';
import type { BootedCloud } from '../global-setup.ts';

/** The presigned POST that POST /uploads answers. */
export interface PresignedUpload {
  uploadId: string;
  key: string;
  url: string;
  method: 'POST';
  fields: Record<string, string>;
  maxBytes: number;
}

/** GET /uploads/{uploadId}. */
export interface UploadProgress {
  uploadId: string;
  status: string;
  rowsTotal: number | null;
  done: number;
  failed: number;
  left: number | null;
  registered: number;
  duplicate: number;
  invalid: number;
  rejection: { code: string; fr: string; en: string } | null;
  reportKey: string | null;
  summaryKey: string | null;
}

export const bucketOf = (app: BootedCloud, part: string): string => {
  const bucket = app.bucketNames.find((name) => name.toLowerCase().includes(part));
  if (!bucket) throw new Error(`no ${part} bucket in the app`);
  return bucket;
};

/** A partner (or supervisor) of the local API, as a browser or curl would call it. */
export function bulkApi(app: BootedCloud) {
  const clients = cloudClients(app.endpoints);
  const tokens = new Map<string, string>();
  const token = async (role: 'partner' | 'supervisor', partnerId?: string) => {
    const cacheKey = `${role}|${partnerId ?? ''}`;
    if (!tokens.has(cacheKey))
      tokens.set(cacheKey, await tokenFor(app.dataDir, { role, ...(partnerId ? { partnerId } : {}) }));
    return tokens.get(cacheKey)!;
  };
  const call = async <T>(
    method: string,
    path: string,
    as: { role: 'partner' | 'supervisor'; partnerId?: string },
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${app.endpoints.api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token(as.role, as.partnerId)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  };

  const presign = async (partnerId: string, fileName: string, sizeBytes: number) => {
    const answer = await call<PresignedUpload>(
      'POST',
      '/uploads',
      { role: 'partner', partnerId },
      {
        fileName,
        contentType: 'text/csv',
        sizeBytes,
      },
    );
    if (answer.status !== 201)
      throw new Error(`POST /uploads answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  /** Sends the file as a browser form would, optionally overriding fields (to tamper with them). */
  const post = async (upload: PresignedUpload, bytes: Uint8Array, override: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [name, value] of Object.entries({ ...upload.fields, ...override })) form.append(name, value);
    form.append('file', new Blob([Buffer.from(bytes)], { type: 'text/csv' }), 'list.csv');
    const response = await fetch(upload.url, { method: 'POST', body: form });
    return { status: response.status, text: await response.text() };
  };

  /** Presigns and uploads; resolves once S3 stored it. */
  const upload = async (partnerId: string, fileName: string, bytes: Uint8Array) => {
    const presigned = await presign(partnerId, fileName, bytes.length);
    const sent = await post(presigned, bytes);
    if (sent.status !== 204) throw new Error(`upload refused: ${sent.status} ${sent.text}`);
    return presigned;
  };

  const progress = (uploadId: string, partnerId: string) =>
    call<UploadProgress>('GET', `/uploads/${uploadId}`, { role: 'partner', partnerId });

  /** Polls the upload until it is closed; every answer seen is kept (progress while processing). */
  const finished = async (uploadId: string, partnerId: string, timeoutMs = 240_000) => {
    const seen: UploadProgress[] = [];
    const last = await eventually(async () => {
      const answer = await progress(uploadId, partnerId);
      if (answer.status !== 200) return undefined;
      seen.push(answer.body);
      // Closed once the report is written (a rejection is known before its report exists).
      return ['COMPLETED', 'REJECTED', 'FAILED'].includes(answer.body.status) && answer.body.reportKey
        ? answer.body
        : undefined;
    }, timeoutMs);
    return { last, seen };
  };

  /** The results CSV, parsed (BOM dropped), header row first. */
  const report = async (key: string): Promise<string[][]> => {
    const object = await clients.s3.send(
      new GetObjectCommand({ Bucket: bucketOf(app, 'reports'), Key: key }),
    );
    const text = (await object.Body?.transformToString('utf-8')) ?? '';
    return parse(text.replace(/^\uFEFF/, '')) as string[][];
  };

  const summary = async (key: string): Promise<Record<string, unknown>> => {
    const object = await clients.s3.send(
      new GetObjectCommand({ Bucket: bucketOf(app, 'reports'), Key: key }),
    );
    return JSON.parse((await object.Body?.transformToString('utf-8')) ?? '{}');
  };

  /** Households stored for a site, whatever their status (the listing index, all pages). */
  const householdsAtSite = async (site: string): Promise<{ householdId: string; status: string }[]> => {
    const table = app.tableNames.find((name) => name.includes('Registry'));
    const households: { householdId: string; status: string }[] = [];
    let start: Record<string, never> | undefined;
    do {
      const page = await clients.dynamodb.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'GSI1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: `SITE#${site}` } },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? [])
        households.push({ householdId: item['householdId']?.S ?? '', status: item['status']?.S ?? '' });
      start = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (start);
    return households;
  };

  return { call, presign, post, upload, progress, finished, report, summary, householdsAtSite, clients };
}
