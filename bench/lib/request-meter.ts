import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Capacity and requests of one caller. */
export interface CallerCounts {
  dynamoReadUnits: number;
  dynamoWriteUnits: number;
  s3Reads: number;
  s3Writes: number;
}

/** What passed through a meter: DynamoDB operations and capacity, S3 requests by class. */
export interface MeterCounts extends CallerCounts {
  dynamoOperations: Record<string, number>;
  /** By caller, for requests that came through `<meter url>/fn/<function name>` (see {@link callerEndpoint}). */
  byCaller: Record<string, CallerCounts>;
}

/** The endpoint a function should use so the meter knows its requests: the path names it. */
export const callerEndpoint = (meterUrl: string, functionName: string): string =>
  `${meterUrl}/fn/${encodeURIComponent(functionName)}`;

/** `/fn/<name>/rest?query` → the caller and the path to forward (`/rest?query`). */
export function splitCallerPath(url: string): { caller: string | undefined; path: string } {
  const match = /^\/fn\/([^/?]+)(.*)$/.exec(url);
  if (!match) return { caller: undefined, path: url };
  const rest = match[2] ?? '';
  return { caller: decodeURIComponent(match[1]!), path: rest.startsWith('/') ? rest : `/${rest}` };
}

const noCallerCounts = (): CallerCounts => ({
  dynamoReadUnits: 0,
  dynamoWriteUnits: 0,
  s3Reads: 0,
  s3Writes: 0,
});

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const CAPACITY_OPERATIONS = new Set([
  ...READS,
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

type Capacity = { CapacityUnits?: number };

/** Sums ConsumedCapacity, which DynamoDB returns as one object or (batch, transactions) a list. */
export function capacityUnits(consumed: Capacity | Capacity[] | undefined): number {
  if (!consumed) return 0;
  return (Array.isArray(consumed) ? consumed : [consumed]).reduce(
    (sum, item) => sum + (item.CapacityUnits ?? 0),
    0,
  );
}

export const emptyCounts = (): MeterCounts => ({
  dynamoOperations: {},
  byCaller: {},
  ...noCallerCounts(),
});

/** One view of a DynamoDB meter and an S3 meter: DynamoDB figures from the first, S3 from the second. */
export function combineMeters(dynamo: MeterCounts, s3: MeterCounts): MeterCounts {
  const byCaller: Record<string, CallerCounts> = {};
  for (const name of new Set([...Object.keys(dynamo.byCaller), ...Object.keys(s3.byCaller)])) {
    byCaller[name] = {
      dynamoReadUnits: dynamo.byCaller[name]?.dynamoReadUnits ?? 0,
      dynamoWriteUnits: dynamo.byCaller[name]?.dynamoWriteUnits ?? 0,
      s3Reads: s3.byCaller[name]?.s3Reads ?? 0,
      s3Writes: s3.byCaller[name]?.s3Writes ?? 0,
    };
  }
  return {
    dynamoOperations: { ...dynamo.dynamoOperations },
    dynamoReadUnits: dynamo.dynamoReadUnits,
    dynamoWriteUnits: dynamo.dynamoWriteUnits,
    s3Reads: s3.s3Reads,
    s3Writes: s3.s3Writes,
    byCaller,
  };
}

const readBody = (message: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', reject);
  });

export interface RequestMeter {
  url: string;
  counts: MeterCounts;
  reset(): void;
  stop(): Promise<void>;
}

/**
 * A counting HTTP proxy in front of DynamoDB Local or the S3 stand-in. For DynamoDB it asks every
 * item operation for `ReturnConsumedCapacity: TOTAL` and adds up what comes back (DynamoDB Local
 * computes it as DynamoDB does: 1 KB write units, 4 KB read units, halved for eventually consistent
 * reads, doubled in transactions). Local services check no signatures, so rewriting the body is safe.
 */
export async function startRequestMeter(target: string, service: 'dynamodb' | 's3'): Promise<RequestMeter> {
  const upstream = new URL(target);
  const meter = { counts: emptyCounts() };
  const server: Server = createServer(async (incoming, outgoing) => {
    let body = await readBody(incoming);
    const { caller, path } = splitCallerPath(incoming.url ?? '/');
    const callerCounts = (): CallerCounts => {
      if (caller === undefined) return noCallerCounts();
      meter.counts.byCaller[caller] ??= noCallerCounts();
      return meter.counts.byCaller[caller]!;
    };
    const operation = String(incoming.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    if (service === 'dynamodb' && CAPACITY_OPERATIONS.has(operation)) {
      const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      parsed['ReturnConsumedCapacity'] = 'TOTAL';
      body = Buffer.from(JSON.stringify(parsed));
    }
    if (service === 'dynamodb' && operation) {
      meter.counts.dynamoOperations[operation] = (meter.counts.dynamoOperations[operation] ?? 0) + 1;
    }
    if (service === 's3') {
      const write = ['PUT', 'POST', 'COPY'].includes(incoming.method ?? '') || /[?&]list-type=/.test(path);
      const own = callerCounts();
      if (write) {
        meter.counts.s3Writes += 1;
        own.s3Writes += 1;
      } else {
        meter.counts.s3Reads += 1;
        own.s3Reads += 1;
      }
    }
    const { 'transfer-encoding': _chunked, ...incomingHeaders } = incoming.headers;
    const headers = { ...incomingHeaders, host: upstream.host, 'content-length': String(body.length) };
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path, headers },
      async (answer) => {
        const answerBody = await readBody(answer);
        if (
          service === 'dynamodb' &&
          CAPACITY_OPERATIONS.has(operation) &&
          (answer.statusCode ?? 500) < 300
        ) {
          const units = capacityUnits(
            (JSON.parse(answerBody.toString('utf8')) as { ConsumedCapacity?: Capacity | Capacity[] })
              .ConsumedCapacity,
          );
          const own = callerCounts();
          if (READS.has(operation)) {
            meter.counts.dynamoReadUnits += units;
            own.dynamoReadUnits += units;
          } else {
            meter.counts.dynamoWriteUnits += units;
            own.dynamoWriteUnits += units;
          }
        }
        const { 'transfer-encoding': _chunked, ...answerHeaders } = answer.headers;
        outgoing.writeHead(answer.statusCode ?? 500, {
          ...answerHeaders,
          'content-length': String(answerBody.length),
        });
        outgoing.end(answerBody);
      },
    );
    forward.on('error', (error) => {
      outgoing.writeHead(502);
      outgoing.end(error.message);
    });
    forward.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get counts() {
      return meter.counts;
    },
    reset() {
      meter.counts = emptyCounts();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
