/**
 * What the small AWS clients of the Lambda bundles share (see dynamodb-client.ts): region,
 * credentials and endpoint from the environment as Lambda sets them, SigV4 signing (sigv4.ts),
 * global fetch, and retries with backoff as the SDK's standard mode does them.
 */
import { type Credentials, signedHeaders } from './sigv4.ts';

/** The parts of the SDK's `$metadata` that the small clients can know. */
export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts: number;
  totalRetryDelay: number;
}

export interface AwsCallOptions {
  /** Signing name (`dynamodb`, `states`, `s3`). */
  service: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Names the service gives to throttling in its error bodies (read from the error code). */
  errorCodeOf: (response: Response, body: string) => string | undefined;
}

/** Options a client takes at construction; tests inject `fetch` and a clock. */
export interface SmallClientConfig {
  region?: string;
  endpoint?: string;
  maxAttempts?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** S3 only: bucket in the path, not the host name. */
  forcePathStyle?: boolean;
  [other: string]: unknown;
}

export class CredentialsMissingError extends Error {
  constructor() {
    super('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set');
    this.name = 'CredentialsProviderError';
  }
}

export const regionOf = (config: SmallClientConfig): string =>
  config.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? 'us-east-1';

/** As the SDK: `AWS_ENDPOINT_URL_<SERVICE ID>`, then `AWS_ENDPOINT_URL`, then the regional endpoint. */
export function endpointOf(config: SmallClientConfig, serviceId: string, regional: string): string {
  const configured =
    config.endpoint ?? process.env[`AWS_ENDPOINT_URL_${serviceId}`] ?? process.env['AWS_ENDPOINT_URL'];
  return (configured ?? regional).replace(/\/+$/, '');
}

// Read at each call, not cached: Lambda's credentials stay the same for a container's life, and
// reading three variables costs nothing next to a request.
export function credentialsOf(config: SmallClientConfig): Credentials {
  if (config.credentials) return config.credentials;
  const accessKeyId = process.env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = process.env['AWS_SECRET_ACCESS_KEY'];
  if (!accessKeyId || !secretAccessKey) throw new CredentialsMissingError();
  const sessionToken = process.env['AWS_SESSION_TOKEN'];
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

// The SDK's standard retry mode: these codes are throttling (longer base delay), the statuses and
// network failures are transient; everything else is the caller's to handle.
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);
const TRANSIENT_CODES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);
const BASE_DELAY_MS = 100;
const THROTTLING_BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 20_000;

export const isRetryable = (status: number, code: string | undefined): 'throttling' | 'transient' | false =>
  code && THROTTLING_CODES.has(code)
    ? 'throttling'
    : status === 429
      ? 'throttling'
      : (code && TRANSIENT_CODES.has(code)) || TRANSIENT_STATUSES.has(status)
        ? 'transient'
        : false;

/** Full jitter, as the SDK: random in [0, min(cap, base × 2^attempt)). */
export const backoffMs = (
  kind: 'throttling' | 'transient',
  attempt: number,
  random = Math.random(),
): number =>
  Math.floor(
    random *
      Math.min(
        MAX_DELAY_MS,
        (kind === 'throttling' ? THROTTLING_BASE_DELAY_MS : BASE_DELAY_MS) * 2 ** attempt,
      ),
  );

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface AwsResponse {
  response: Response;
  /** The body, read as text, for responses the caller parses (not for S3 objects). */
  text: string | undefined;
  metadata: ResponseMetadata;
}

/**
 * One signed call with the SDK's retries. A failure that is not retried (or the last attempt's)
 * comes back as a response for the protocol to turn into its error; a network failure after the
 * last attempt is thrown as it came.
 */
export async function callAws(
  config: SmallClientConfig,
  options: AwsCallOptions & { keepBody?: boolean },
): Promise<AwsResponse> {
  const maxAttempts = config.maxAttempts ?? 3;
  const doFetch = config.fetch ?? fetch;
  const sleep = config.sleep ?? defaultSleep;
  let totalRetryDelay = 0;
  for (let attempt = 1; ; attempt++) {
    // Signed again on each attempt: the signature carries its time.
    const { host: _host, ...headers } = signedHeaders(options, {
      service: options.service,
      region: regionOf(config),
      credentials: credentialsOf(config),
    });
    let response: Response;
    try {
      response = await doFetch(options.url, {
        method: options.method,
        headers,
        // A Uint8Array is a valid fetch body; the DOM typing wants its buffer to be an ArrayBuffer.
        ...(options.body === undefined ? {} : { body: options.body as BodyInit }),
      });
    } catch (error) {
      if (attempt >= maxAttempts) throw error;
      const delay = backoffMs('transient', attempt);
      totalRetryDelay += delay;
      await sleep(delay);
      continue;
    }
    const metadata: ResponseMetadata = {
      httpStatusCode: response.status,
      ...requestIdOf(response),
      attempts: attempt,
      totalRetryDelay,
    };
    if (response.ok && options.keepBody) return { response, text: undefined, metadata };
    const text = await response.text();
    if (response.ok) return { response, text, metadata };
    const kind = isRetryable(response.status, options.errorCodeOf(response, text));
    if (!kind || attempt >= maxAttempts) return { response, text, metadata };
    const delay = backoffMs(kind, attempt);
    totalRetryDelay += delay;
    await sleep(delay);
  }
}

function requestIdOf(response: Response): { requestId?: string } {
  const id =
    response.headers.get('x-amzn-requestid') ??
    response.headers.get('x-amz-request-id') ??
    response.headers.get('x-amzn-request-id');
  return id ? { requestId: id } : {};
}

/** The fields every SDK service exception carries, set on the small clients' errors too. */
export interface ServiceErrorShape {
  name: string;
  message: string;
  $fault: 'client' | 'server';
  $metadata: ResponseMetadata;
  [member: string]: unknown;
}

/** Builds an error of the class registered for its name (so `instanceof` works), else a base one. */
export function serviceError<Base extends new (shape: ServiceErrorShape) => Error>(
  classes: Readonly<Record<string, Base>>,
  base: Base,
  shape: ServiceErrorShape,
): Error {
  const Known = classes[shape.name] ?? base;
  return new Known(shape);
}

/** Base of every small client's service errors: same members as the SDK's ServiceException. */
export class SmallServiceException extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: ResponseMetadata;

  constructor(shape: ServiceErrorShape) {
    super(shape.message);
    const { name: _name, message: _message, ...members } = shape;
    Object.assign(this, members);
    this.name = shape.name;
    this.$fault = shape.$fault;
    this.$metadata = shape.$metadata;
  }
}

/** The SDK's client surface that Powertools and middleware helpers probe (`isSdkClient`). */
export function middlewareStackStub() {
  return {
    identify: (): string[] => [],
    add: () => undefined,
    addRelativeTo: () => undefined,
    use: () => undefined,
  };
}

/** What each small client (DynamoDB, Step Functions, S3) has besides `send`: its config and the SDK's client surface. */
export abstract class SmallClient {
  readonly config: SmallClientConfig;
  readonly middlewareStack = middlewareStackStub();

  constructor(config: SmallClientConfig = {}) {
    this.config = config;
  }

  destroy(): void {}
}
