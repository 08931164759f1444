/**
 * Stands in for `@aws-sdk/client-sfn` in the Lambda bundles, as dynamodb-client.ts does for
 * DynamoDB (the reason and the departure from DESIGN.md decision 4 are stated there): the SDK's
 * Step Functions client bundles 186 KB for one StartExecution. JSON 1.0 protocol, target
 * `AWSStepFunctions.<Operation>`, signing name `states`.
 */
import {
  endpointOf,
  middlewareStackStub,
  regionOf,
  type ServiceErrorShape,
  SmallClient,
  SmallServiceException,
  serviceError,
} from './aws-http.ts';
import { type JsonCommand, type JsonService, sendJson } from './aws-json-protocol.ts';

export class SFNServiceException extends SmallServiceException {}
export class ExecutionAlreadyExists extends SFNServiceException {}
export class ExecutionDoesNotExist extends SFNServiceException {}
export class ExecutionLimitExceeded extends SFNServiceException {}
export class InvalidArn extends SFNServiceException {}
export class InvalidExecutionInput extends SFNServiceException {}
export class InvalidName extends SFNServiceException {}
export class InvalidOutput extends SFNServiceException {}
export class InvalidToken extends SFNServiceException {}
export class StateMachineDoesNotExist extends SFNServiceException {}
export class TaskDoesNotExist extends SFNServiceException {}
export class TaskTimedOut extends SFNServiceException {}

const EXCEPTIONS: Record<string, typeof SFNServiceException> = {
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  ExecutionLimitExceeded,
  InvalidArn,
  InvalidExecutionInput,
  InvalidName,
  InvalidOutput,
  InvalidToken,
  StateMachineDoesNotExist,
  TaskDoesNotExist,
  TaskTimedOut,
};

export const SFN: JsonService = {
  signingName: 'states',
  targetPrefix: 'AWSStepFunctions',
  endpoint: (config) => endpointOf(config, 'SFN', `https://states.${regionOf(config)}.amazonaws.com`),
  toError: (shape: ServiceErrorShape) => serviceError(EXCEPTIONS, SFNServiceException, shape),
};

// Step Functions answers dates as epoch seconds; the SDK hands them out as Date.
const DATE_MEMBERS = ['startDate', 'stopDate', 'creationDate', 'updateDate'];

export class SFNClient extends SmallClient {
  async send(command: JsonCommand): Promise<Record<string, unknown>> {
    const output = await sendJson(SFN, this.config, command);
    for (const member of DATE_MEMBERS) {
      const value = output[member];
      if (typeof value === 'number') output[member] = new Date(Math.round(value * 1000));
    }
    return output;
  }
}

abstract class SFNCommand implements JsonCommand {
  abstract readonly operation: string;
  readonly middlewareStack = middlewareStackStub();
  constructor(readonly input: Record<string, unknown>) {}
}

export class StartExecutionCommand extends SFNCommand {
  readonly operation = 'StartExecution';
}
export class SendTaskSuccessCommand extends SFNCommand {
  readonly operation = 'SendTaskSuccess';
}
export class SendTaskFailureCommand extends SFNCommand {
  readonly operation = 'SendTaskFailure';
}
export class SendTaskHeartbeatCommand extends SFNCommand {
  readonly operation = 'SendTaskHeartbeat';
}
export class DescribeExecutionCommand extends SFNCommand {
  readonly operation = 'DescribeExecution';
}
export class GetExecutionHistoryCommand extends SFNCommand {
  readonly operation = 'GetExecutionHistory';
}
