import { randomBytes } from 'node:crypto';

/** What s3rver tells us about a stored object. */
export interface StoredObjectEvent {
  eventName: string;
  bucket: string;
  key: string;
  size?: number;
  eTag?: string;
  sourceIp: string;
}

/** S3 event keys are URL-encoded with spaces as `+`, slashes kept, as S3 writes them. */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

let lastSequence = 0n;
/** Sequencers only need to grow per key; a process-wide increasing hex value does that. */
export function nextSequencer(now = Date.now()): string {
  const candidate = BigInt(now) * 1000n;
  lastSequence = candidate > lastSequence ? candidate : lastSequence + 1n;
  return lastSequence.toString(16).toUpperCase().padStart(18, '0');
}

export interface S3EventRecordOptions {
  region: string;
  sequencer: string;
  versionId?: string;
  configurationId: string;
  time?: Date;
}

/** One `Records[]` entry as S3 delivers it to Lambda (event version 2.1). */
export function s3EventRecord(event: StoredObjectEvent, options: S3EventRecordOptions) {
  const object: Record<string, unknown> = { key: encodeEventKey(event.key) };
  if (event.size !== undefined) object.size = event.size;
  if (event.eTag !== undefined) object.eTag = event.eTag;
  if (options.versionId !== undefined) object.versionId = options.versionId;
  object.sequencer = options.sequencer;
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: options.region,
    eventTime: (options.time ?? new Date()).toISOString(),
    eventName: event.eventName,
    userIdentity: { principalId: 'AWS:LOCAL' },
    requestParameters: { sourceIPAddress: event.sourceIp },
    responseElements: {
      'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'x-amz-id-2': randomBytes(32).toString('base64'),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: options.configurationId,
      bucket: {
        name: event.bucket,
        ownerIdentity: { principalId: 'LOCAL' },
        arn: `arn:aws:s3:::${event.bucket}`,
      },
      object,
    },
  };
}

/** The EventBridge event S3 sends for a bucket with EventBridge notifications on. */
export function s3EventBridgeEvent(
  event: StoredObjectEvent,
  options: {
    region: string;
    account: string;
    sequencer: string;
    versionId?: string;
    id: string;
    time?: Date;
  },
) {
  const created = event.eventName.startsWith('ObjectCreated');
  const object: Record<string, unknown> = { key: event.key };
  if (event.size !== undefined) object.size = event.size;
  if (event.eTag !== undefined) object.etag = event.eTag;
  if (options.versionId !== undefined) object['version-id'] = options.versionId;
  object.sequencer = options.sequencer;
  return {
    version: '0',
    id: options.id,
    'detail-type': created ? 'Object Created' : 'Object Deleted',
    source: 'aws.s3',
    account: options.account,
    time: (options.time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: options.region,
    resources: [`arn:aws:s3:::${event.bucket}`],
    detail: {
      version: '0',
      bucket: { name: event.bucket },
      object,
      'request-id': randomBytes(8).toString('hex').toUpperCase(),
      requester: options.account,
      'source-ip-address': event.sourceIp,
      reason: created
        ? event.eventName.split(':')[1] === 'Copy'
          ? 'CopyObject'
          : 'PutObject'
        : 'DeleteObject',
    },
  };
}
