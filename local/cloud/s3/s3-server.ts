import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';
import type { BucketModel } from '../model/buckets.ts';
import { listen } from '../net/listen.ts';
import { postPolicyMiddleware } from './post-policy.ts';
import type { StoredObjectEvent } from './s3-event-record.ts';

export interface S3StandIn {
  endpoint: string;
  stop(): Promise<void>;
}

interface S3rverRecord {
  eventName: string;
  requestParameters: { sourceIPAddress: string };
  s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string } };
}

/**
 * s3rver checks that the access key exists (its own is `S3RVER`) though it never checks SigV4
 * signatures; DynamoDB Local accepts any key, and so should this, so that any dummy credentials work.
 */
function acceptAnyAccessKey(): void {
  const registry = (AWSAccount as unknown as { registry: Map<string, unknown>; DUMMY_ACCOUNT: unknown })
    .registry;
  const dummy = (AWSAccount as unknown as { DUMMY_ACCOUNT: unknown }).DUMMY_ACCOUNT;
  const get = registry.get.bind(registry);
  registry.get = (key: string) => get(key) ?? dummy;
}

/**
 * The S3 stand-in: s3rver on 127.0.0.1, objects under `directory`, one bucket per template bucket.
 * SDK clients given an IP endpoint use path-style addressing, which is what s3rver serves.
 */
export async function startS3StandIn(options: {
  port: number;
  directory: string;
  buckets: BucketModel[];
  onObjectEvent(event: StoredObjectEvent): void;
}): Promise<S3StandIn> {
  acceptAnyAccessKey();
  mkdirSync(options.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory: options.directory,
    silent: true,
    allowMismatchedSignatures: true,
    configureBuckets: options.buckets.map((b) => ({ name: b.bucketName })),
  });
  // s3rver stores any form POST; S3 checks its signed policy first (key, size, content type).
  (server as unknown as { middleware: unknown[] }).middleware.unshift(postPolicyMiddleware());
  // s3rver warns for every existing bucket on a restart; that is the normal case here.
  (server as unknown as { logger: { warn: () => void } }).logger.warn = () => undefined;
  server.on('event', (event: { Records: S3rverRecord[] }) => {
    for (const record of event.Records) {
      const stored: StoredObjectEvent = {
        eventName: record.eventName,
        bucket: record.s3.bucket.name,
        key: record.s3.object.key,
        sourceIp: record.requestParameters.sourceIPAddress,
      };
      if (record.s3.object.size !== undefined) stored.size = record.s3.object.size;
      if (record.s3.object.eTag !== undefined) stored.eTag = record.s3.object.eTag;
      options.onObjectEvent(stored);
    }
  });
  listenSafely(server);
  const address = (await server.run()) as { port: number };
  const httpServer = (server as unknown as { httpServer: Server }).httpServer;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    stop: async () => {
      httpServer.closeAllConnections();
      await server.close();
    },
  };
}

interface S3rverInternals {
  callback(): (request: unknown, response: unknown) => void;
  logger: { close(): void; exceptions: { unhandle(): void } };
  listen(port: number, address: string): Promise<Server>;
}

/**
 * s3rver's own listen never settles when its port is taken (the server emits the error, which
 * then goes uncaught) and `npm start` hangs: the same server, listening through ours, rejects
 * with a PortInUseError instead.
 */
function listenSafely(s3rver: S3rver) {
  const internals = s3rver as unknown as S3rverInternals;
  internals.listen = async (port, address) => {
    const server = createServer();
    server.on('request', internals.callback()).on('close', () => {
      internals.logger.exceptions.unhandle();
      internals.logger.close();
    });
    if (address !== '127.0.0.1') throw new Error(`The S3 stand-in listens on 127.0.0.1, not ${address}`);
    await listen(server, port, 'S3');
    return server;
  };
}
