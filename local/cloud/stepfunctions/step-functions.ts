import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  CreateStateMachineCommand,
  ListStateMachinesCommand,
  SFNClient,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import type { Clock } from '../../engine/contract.ts';
import {
  createEngine,
  type ExecutionStatusChangeDetail,
  type ExecutionStatusChangeListener,
  startEngineServer,
} from '../../engine/index.ts';
import { LOCAL_CREDENTIALS } from '../lambda/lambda-environment.ts';
import { LambdaFunctionError } from '../lambda/lambda-errors.ts';
import type { LambdaRunner } from '../lambda/lambda-runner.ts';
import type { StateMachineModel } from '../model/state-machines.ts';
import { PortInUseError } from '../net/listen.ts';

export interface StepFunctionsService {
  endpoint: string;
  client: SFNClient;
  /** Resumes the executions that were running when the runtime last stopped (or crashed). */
  resume(): void;
  stop(): Promise<void>;
}

/**
 * Lambda as Step Functions sees it: a function error rejects with its `errorType` as name;
 * a refusal by the Lambda service itself (throttling, unknown function) as `Lambda.<exception>`.
 */
function lambdaInvokerFor(runner: LambdaRunner) {
  return async (functionArn: string, payload: unknown): Promise<unknown> => {
    let result: Awaited<ReturnType<LambdaRunner['invoke']>>;
    try {
      result = await runner.invoke(functionArn, payload);
    } catch (error) {
      const refused = error instanceof Error ? error : new Error(String(error));
      refused.name = `Lambda.${refused.name}`;
      throw refused;
    }
    if (!result.ok) throw new LambdaFunctionError(result.error);
    return result.payload;
  };
}

/** The durable engine (local/engine) with its Step Functions API, its Lambda tasks run by the runner. */
export async function startStepFunctions(options: {
  port: number;
  storePath: string;
  region: string;
  accountId: string;
  runner: LambdaRunner;
  endpoints: { dynamodb: string; s3: string };
  clock?: Clock;
  /** Where the executions' status changes go (EventBridge rules of the template), at least once. */
  onExecutionStatusChange?: ExecutionStatusChangeListener;
  /** The status changes some rule wants: the others are neither stored nor delivered. */
  statusChangeFilter?: (detail: ExecutionStatusChangeDetail) => boolean;
}): Promise<StepFunctionsService> {
  mkdirSync(dirname(options.storePath), { recursive: true });
  const engine = createEngine({
    storePath: options.storePath,
    region: options.region,
    accountId: options.accountId,
    lambdaInvoker: lambdaInvokerFor(options.runner),
    aws: { endpoints: options.endpoints, credentials: LOCAL_CREDENTIALS },
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.onExecutionStatusChange ? { onExecutionStatusChange: options.onExecutionStatusChange } : {}),
    ...(options.statusChangeFilter ? { statusChangeFilter: options.statusChangeFilter } : {}),
    // Resumed executions call functions that reach DynamoDB and S3: they wait for `resume()`,
    // once those accept connections, or their first tasks fail with ECONNREFUSED.
    recover: false,
  });
  const server = await startEngineServer({ engine, host: '127.0.0.1', port: options.port }).catch(
    (error: NodeJS.ErrnoException) => {
      // Its store is open: close it, and name the port as the other services do.
      engine.close();
      throw error.code === 'EADDRINUSE' ? new PortInUseError(options.port, 'Step Functions') : error;
    },
  );
  const client = new SFNClient({
    endpoint: server.url,
    region: options.region,
    credentials: LOCAL_CREDENTIALS,
  });
  return {
    endpoint: server.url,
    client,
    resume: () => engine.runtime.recover(),
    stop: async () => {
      client.destroy();
      await server.close();
      engine.close();
    },
  };
}

/**
 * Creates each state machine through the Step Functions API, or updates it when a previous run
 * created it. Machines the template no longer has are left alone (their executions stay
 * readable); they are returned so the caller can say so.
 */
export async function deployStateMachines(
  client: SFNClient,
  machines: StateMachineModel[],
): Promise<string[]> {
  const existing = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListStateMachinesCommand({ nextToken }));
    for (const machine of page.stateMachines ?? []) existing.add(machine.stateMachineArn!);
    nextToken = page.nextToken;
  } while (nextToken);
  for (const machine of machines) {
    if (existing.has(machine.arn)) {
      await client.send(
        new UpdateStateMachineCommand({
          stateMachineArn: machine.arn,
          definition: machine.definition,
          roleArn: machine.roleArn,
        }),
      );
    } else {
      await client.send(
        new CreateStateMachineCommand({
          name: machine.name,
          definition: machine.definition,
          roleArn: machine.roleArn,
          type: machine.type,
        }),
      );
    }
  }
  const wanted = new Set(machines.map((m) => m.arn));
  return [...existing].filter((arn) => !wanted.has(arn));
}
