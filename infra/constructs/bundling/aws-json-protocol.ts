/**
 * The AWS JSON 1.0 protocol (DynamoDB, Step Functions): POST / with `X-Amz-Target:
 * <prefix>.<Operation>`, the input as JSON, the output or an error `{ __type, message }` back.
 */
import {
  callAws,
  type ResponseMetadata,
  type ServiceErrorShape,
  type SmallClientConfig,
} from './aws-http.ts';

export interface JsonService {
  /** Signing name. */
  signingName: string;
  /** `X-Amz-Target` prefix, e.g. `DynamoDB_20120810`. */
  targetPrefix: string;
  endpoint: (config: SmallClientConfig) => string;
  /** Turns a parsed error into the error to throw (the service's exception classes). */
  toError: (shape: ServiceErrorShape) => Error;
}

/** An operation's command: the operation name and its input, as the SDK's commands carry them. */
export interface JsonCommand {
  readonly operation: string;
  readonly input: object;
}

// Binary attribute values travel as base64 in JSON; the SDK hands Uint8Array in and out.
const toJson = (input: object): string =>
  JSON.stringify(input, (_key, value) =>
    value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
  );

const fromJson = (text: string): Record<string, unknown> =>
  text
    ? (JSON.parse(text, (key, value) =>
        key === 'B' && typeof value === 'string'
          ? new Uint8Array(Buffer.from(value, 'base64'))
          : key === 'BS' && Array.isArray(value) && value.every((v) => typeof v === 'string')
            ? value.map((v: string) => new Uint8Array(Buffer.from(v, 'base64')))
            : value,
      ) as Record<string, unknown>)
    : {};

/** `com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException` → the name after `#`. */
const errorCode = (type: unknown): string | undefined =>
  typeof type === 'string' ? (type.split('#').at(-1)?.split(':')[0] ?? type) : undefined;

const parseErrorCode = (response: Response, text: string): string | undefined => {
  const header = response.headers.get('x-amzn-errortype');
  if (header) return errorCode(header);
  try {
    return errorCode((JSON.parse(text) as { __type?: unknown }).__type);
  } catch {
    return undefined;
  }
};

export async function sendJson(
  service: JsonService,
  config: SmallClientConfig,
  command: JsonCommand,
): Promise<Record<string, unknown> & { $metadata: ResponseMetadata }> {
  const { response, text, metadata } = await callAws(config, {
    service: service.signingName,
    method: 'POST',
    url: `${service.endpoint(config)}/`,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `${service.targetPrefix}.${command.operation}`,
    },
    body: toJson(command.input),
    errorCodeOf: parseErrorCode,
  });
  if (response.ok) return { ...fromJson(text ?? ''), $metadata: metadata };
  let body: Record<string, unknown> = {};
  try {
    body = fromJson(text ?? '');
  } catch {
    // Not JSON (a proxy's page): the status alone names the error below.
  }
  // As the SDK: `__type` stays a member, `Message` becomes `message`.
  const { message, Message, ...members } = body;
  const name = parseErrorCode(response, text ?? '') ?? `Http${response.status}Error`;
  throw service.toError({
    ...members,
    name,
    message: String(message ?? Message ?? name),
    $fault: response.status >= 500 ? 'server' : 'client',
    $metadata: metadata,
  });
}
