import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { LOCAL_CREDENTIALS } from '../lambda/lambda-environment.ts';

/**
 * S3's POST-policy checks, which s3rver skips (it stores any form POST): the policy's signature
 * (SigV4 with the local credentials), its expiration, and every condition: exact and
 * `starts-with` fields (the key above all), the bucket, `content-length-range`. Every form field
 * must be covered by a condition, as on AWS. A presigned POST that S3 would refuse is refused here.
 */

/** A refusal as S3 words it. */
export interface PostPolicyRefusal {
  status: number;
  code: string;
  message: string;
}

type Condition = Record<string, string> | [string, string | number, string | number];

const SECRETS = new Map([[LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey]]);
/** Fields a policy never needs to name. */
const EXEMPT = new Set(['policy', 'x-amz-signature', 'file']);

const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();

function expectedSignature(policy: string, credential: string): string | undefined {
  const [accessKey, date, region, service] = credential.split('/');
  const secret = accessKey ? SECRETS.get(accessKey) : undefined;
  if (!secret || !date || !region || !service) return undefined;
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  return createHmac('sha256', signingKey).update(policy).digest('hex');
}

const denied = (message: string): PostPolicyRefusal => ({ status: 403, code: 'AccessDenied', message });

/** Checks a form POST against its policy; undefined when S3 would accept it. */
export function checkPostPolicy(
  bucket: string,
  fields: ReadonlyMap<string, string>,
  fileSize: number,
  now: Date = new Date(),
): PostPolicyRefusal | undefined {
  const policyText = fields.get('policy');
  if (!policyText) return denied('Anonymous POST uploads are not allowed: a signed policy is required.');
  const signature = expectedSignature(policyText, fields.get('x-amz-credential') ?? '');
  if (!signature) return { status: 403, code: 'InvalidAccessKeyId', message: 'Unknown access key.' };
  if (signature !== fields.get('x-amz-signature'))
    return { status: 403, code: 'SignatureDoesNotMatch', message: 'The policy signature does not match.' };
  let policy: { expiration?: string; conditions?: Condition[] };
  try {
    policy = JSON.parse(Buffer.from(policyText, 'base64').toString('utf8'));
  } catch {
    return { status: 400, code: 'InvalidPolicyDocument', message: 'The policy is not valid JSON.' };
  }
  if (!policy.expiration || Date.parse(policy.expiration) < now.getTime())
    return denied('Invalid according to Policy: Policy expired.');
  const values = new Map(fields);
  values.set('bucket', bucket);
  const named = new Set<string>();
  for (const condition of policy.conditions ?? []) {
    const refusal = checkCondition(condition, values, fileSize, named);
    if (refusal) return refusal;
  }
  for (const name of fields.keys()) {
    if (EXEMPT.has(name) || name.startsWith('x-ignore-') || named.has(name)) continue;
    return denied(`Invalid according to Policy: Extra input fields: ${name}`);
  }
  return undefined;
}

function checkCondition(
  condition: Condition,
  values: ReadonlyMap<string, string>,
  fileSize: number,
  named: Set<string>,
): PostPolicyRefusal | undefined {
  if (!Array.isArray(condition)) {
    for (const [name, expected] of Object.entries(condition)) {
      named.add(name.toLowerCase());
      if (values.get(name.toLowerCase()) !== expected)
        return denied(
          `Invalid according to Policy: Policy Condition failed: ["eq", "$${name}", "${expected}"]`,
        );
    }
    return undefined;
  }
  const [operator, first, second] = condition;
  if (operator === 'content-length-range') {
    if (fileSize < Number(first) || fileSize > Number(second))
      return {
        status: 400,
        code: fileSize > Number(second) ? 'EntityTooLarge' : 'EntityTooSmall',
        message: 'Your proposed upload size does not fit the policy content-length-range.',
      };
    return undefined;
  }
  const name = String(first).replace(/^\$/, '').toLowerCase();
  named.add(name);
  const actual = values.get(name) ?? '';
  const ok =
    operator === 'eq'
      ? actual === String(second)
      : operator === 'starts-with' && actual.startsWith(String(second));
  return ok
    ? undefined
    : denied(`Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`);
}

/** Minimal view of the Koa context the middleware touches (s3rver is a Koa app). */
interface KoaContext {
  method: string;
  path: string;
  req: NodeJS.ReadableStream & { headers: Record<string, string | string[] | undefined> };
  get(header: string): string;
  status: number;
  type: string;
  body: unknown;
}

/**
 * Koa middleware placed before s3rver's routes: a form POST to `/<bucket>` is buffered, parsed
 * (multipart, with the platform's FormData), checked, then replayed to s3rver unchanged.
 */
export function postPolicyMiddleware() {
  return async (ctx: KoaContext, next: () => Promise<unknown>) => {
    const bucket = /^\/([^/]+)\/?$/.exec(ctx.path)?.[1];
    if (ctx.method !== 'POST' || !bucket || !ctx.get('content-type').startsWith('multipart/form-data'))
      return next();
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(Buffer.from(chunk as Buffer));
    const body = Buffer.concat(chunks);
    const form = await new Request('http://s3.local/', {
      method: 'POST',
      headers: { 'content-type': ctx.get('content-type') },
      body,
    }).formData();
    const fields = new Map<string, string>();
    let fileSize = 0;
    for (const [name, value] of form as unknown as Iterable<[string, FormDataEntryValue]>) {
      if (typeof value === 'string') fields.set(name.toLowerCase(), value);
      else if (name.toLowerCase() === 'file') fileSize = value.size;
    }
    const refusal = checkPostPolicy(bucket, fields, fileSize);
    if (refusal) {
      ctx.status = refusal.status;
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${refusal.code}</Code><Message>${refusal.message.replace(/[<>&"]/g, '')}</Message></Error>`;
      return undefined;
    }
    const replay = Readable.from([body]) as unknown as KoaContext['req'];
    replay.headers = ctx.req.headers;
    ctx.req = replay;
    return next();
  };
}
