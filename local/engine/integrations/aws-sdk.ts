import { randomUUID } from 'node:crypto';
import * as dynamodbCommands from '@aws-sdk/client-dynamodb';
import * as s3Commands from '@aws-sdk/client-s3';
import type { TaskOutcome } from '../contract.ts';
import type { AwsClients } from './aws-clients.ts';
import { sdkMetadata } from './resource.ts';
import { sdkErrorOutcome, toJsonOutput } from './sdk-error.ts';

type CommandClass = new (input: unknown) => unknown;
interface SendingClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<Record<string, unknown>>;
}

const services: Record<
  string,
  { commands: Record<string, unknown>; prefix: string; client: keyof AwsClients }
> = {
  dynamodb: { commands: dynamodbCommands, prefix: 'DynamoDb', client: 'dynamodb' },
  s3: { commands: s3Commands, prefix: 'S3', client: 's3' },
};

const optimizedDynamoDb = new Set(['getItem', 'putItem', 'updateItem', 'deleteItem']);

const commandName = (action: string) => `${action.charAt(0).toUpperCase()}${action.slice(1)}Command`;

/** S3 object bodies come back as streams; Step Functions returns them as text. */
async function readBodies(response: Record<string, unknown>) {
  const body = response['Body'] as { transformToString?: () => Promise<string> } | undefined;
  if (body?.transformToString) response['Body'] = await body.transformToString();
  return response;
}

async function send(
  clients: AwsClients,
  service: string,
  action: string,
  parameters: unknown,
  signal: AbortSignal,
): Promise<{ ok: true; response: Record<string, unknown> } | { ok: false; outcome: TaskOutcome }> {
  const target = services[service];
  const Command = target?.commands[commandName(action)] as CommandClass | undefined;
  if (!target || !Command)
    return {
      ok: false,
      outcome: {
        ok: false,
        error: 'States.Runtime',
        cause: `The local engine does not support ${service}:${action}.`,
      },
    };
  const client = clients[target.client]() as unknown as SendingClient;
  try {
    return {
      ok: true,
      response: await readBodies(await client.send(new Command(parameters), { abortSignal: signal })),
    };
  } catch (error) {
    return { ok: false, outcome: sdkErrorOutcome(target.prefix, error) };
  }
}

/** `arn:aws:states:::aws-sdk:<service>:<action>`: the SDK call, its response as output. */
export async function invokeAwsSdk(
  clients: AwsClients,
  service: string,
  action: string,
  parameters: unknown,
  signal: AbortSignal,
): Promise<TaskOutcome> {
  const result = await send(clients, service, action, parameters, signal);
  return result.ok ? { ok: true, output: toJsonOutput(result.response) } : result.outcome;
}

/** `arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem`, with AWS's error prefix and metadata. */
export async function invokeOptimizedDynamoDb(
  clients: AwsClients,
  action: string,
  parameters: unknown,
  signal: AbortSignal,
): Promise<TaskOutcome> {
  if (!optimizedDynamoDb.has(action))
    return {
      ok: false,
      error: 'States.Runtime',
      cause: `Unsupported DynamoDB integration action: ${action}`,
    };
  const result = await send(clients, 'dynamodb', action, parameters, signal);
  if (!result.ok) {
    const outcome = result.outcome as { ok: false; error: string; cause?: string };
    return { ...outcome, error: outcome.error.replace(/^DynamoDb\./, 'DynamoDB.') };
  }
  const output = toJsonOutput(result.response) as Record<string, unknown>;
  return { ok: true, output: { ...output, ...sdkMetadata(randomUUID()) } };
}
