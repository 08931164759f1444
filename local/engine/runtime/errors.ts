/**
 * Errors of the Step Functions API. Each carries its AWS `__type` and HTTP status, so the server
 * answers `{ __type, message }` without a central mapping.
 */
export class StepFunctionsError extends Error {
  readonly awsType: string = 'InternalFailure';
  readonly status: number = 400;
}

export class ExecutionDoesNotExistError extends StepFunctionsError {
  override name = 'ExecutionDoesNotExistError';
  override readonly awsType = 'ExecutionDoesNotExist';
}
export class StateMachineDoesNotExistError extends StepFunctionsError {
  override name = 'StateMachineDoesNotExistError';
  override readonly awsType = 'StateMachineDoesNotExist';
}
export class StateMachineAlreadyExistsError extends StepFunctionsError {
  override name = 'StateMachineAlreadyExistsError';
  override readonly awsType = 'StateMachineAlreadyExists';
}
export class StateMachineTypeNotSupportedError extends StepFunctionsError {
  override name = 'StateMachineTypeNotSupportedError';
  override readonly awsType = 'StateMachineTypeNotSupported';
}
export class ExecutionAlreadyExistsError extends StepFunctionsError {
  override name = 'ExecutionAlreadyExistsError';
  override readonly awsType = 'ExecutionAlreadyExists';
}
export class ExecutionLimitExceededError extends StepFunctionsError {
  override name = 'ExecutionLimitExceededError';
  override readonly awsType = 'ExecutionLimitExceeded';
}
export class ExecutionNotRedrivableError extends StepFunctionsError {
  override name = 'ExecutionNotRedrivableError';
  override readonly awsType = 'ExecutionNotRedrivable';
}
export class InvalidTokenError extends StepFunctionsError {
  override name = 'InvalidTokenError';
  override readonly awsType = 'InvalidToken';
}
export class TaskDoesNotExistError extends StepFunctionsError {
  override name = 'TaskDoesNotExistError';
  override readonly awsType = 'TaskDoesNotExist';
}
export class TaskTimedOutError extends StepFunctionsError {
  override name = 'TaskTimedOutError';
  override readonly awsType = 'TaskTimedOut';
}
export class InvalidDefinitionError extends StepFunctionsError {
  override name = 'InvalidDefinitionError';
  override readonly awsType = 'InvalidDefinition';
}
export class InvalidArnError extends StepFunctionsError {
  override name = 'InvalidArnError';
  override readonly awsType = 'InvalidArn';
}
export class InvalidNameError extends StepFunctionsError {
  override name = 'InvalidNameError';
  override readonly awsType = 'InvalidName';
}
export class InvalidExecutionInputError extends StepFunctionsError {
  override name = 'InvalidExecutionInputError';
  override readonly awsType = 'InvalidExecutionInput';
}
export class InvalidOutputError extends StepFunctionsError {
  override name = 'InvalidOutputError';
  override readonly awsType = 'InvalidOutput';
}
export class ValidationError extends StepFunctionsError {
  override name = 'ValidationError';
  override readonly awsType = 'ValidationException';
}
export class ResourceNotFoundError extends StepFunctionsError {
  override name = 'ResourceNotFoundError';
  override readonly awsType = 'ResourceNotFound';
}
export class UnknownOperationError extends StepFunctionsError {
  override name = 'UnknownOperationError';
  override readonly awsType = 'UnknownOperationException';
}
