/**
 * Stands in for `@aws-sdk/client-dynamodb` in the Lambda bundles (an esbuild alias set by
 * AppFunction; unit tests and local tools keep the real SDK).
 *
 * Departure from DESIGN.md decision 4 ("AWS SDK included, only the clients used"), measured: a
 * handler that does one GetItem bundles 216 KB with the SDK's DynamoDB client and its smithy core,
 * and its fresh process takes 2.5× an empty one; the functions on the staff request path have a
 * 128 KB budget in all (issue 11). This module speaks the same JSON protocol with global fetch and
 * SigV4 on node:crypto in a few KB. It keeps the surface the functions and Powertools idempotency
 * use (client, `send`, command classes, exception classes with their members, `$metadata`);
 * an import it does not provide fails the build, not the function. test/integration/bundling
 * runs the same operations through both against DynamoDB Local and compares.
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

export class DynamoDBServiceException extends SmallServiceException {}
export class ConditionalCheckFailedException extends DynamoDBServiceException {}
export class TransactionCanceledException extends DynamoDBServiceException {}
export class TransactionConflictException extends DynamoDBServiceException {}
export class ProvisionedThroughputExceededException extends DynamoDBServiceException {}
export class ResourceNotFoundException extends DynamoDBServiceException {}
export class ItemCollectionSizeLimitExceededException extends DynamoDBServiceException {}
export class RequestLimitExceeded extends DynamoDBServiceException {}
export class InternalServerError extends DynamoDBServiceException {}
export class IdempotentParameterMismatchException extends DynamoDBServiceException {}
export class TransactionInProgressException extends DynamoDBServiceException {}

const EXCEPTIONS: Record<string, typeof DynamoDBServiceException> = {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionConflictException,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
  ItemCollectionSizeLimitExceededException,
  RequestLimitExceeded,
  InternalServerError,
  IdempotentParameterMismatchException,
  TransactionInProgressException,
};

export const DYNAMODB: JsonService = {
  signingName: 'dynamodb',
  targetPrefix: 'DynamoDB_20120810',
  endpoint: (config) => endpointOf(config, 'DYNAMODB', `https://dynamodb.${regionOf(config)}.amazonaws.com`),
  toError: (shape: ServiceErrorShape) => serviceError(EXCEPTIONS, DynamoDBServiceException, shape),
};

export class DynamoDBClient extends SmallClient {
  send(command: JsonCommand): Promise<Record<string, unknown>> {
    return sendJson(DYNAMODB, this.config, command);
  }
}

/** A command of the low-level client: an operation name and its input, as the SDK's. */
abstract class DynamoDBCommand<Input extends object = Record<string, unknown>> implements JsonCommand {
  abstract readonly operation: string;
  readonly middlewareStack = middlewareStackStub();
  constructor(readonly input: Input) {}
}

export class GetItemCommand extends DynamoDBCommand {
  readonly operation = 'GetItem';
}
export class PutItemCommand extends DynamoDBCommand {
  readonly operation = 'PutItem';
}
export class UpdateItemCommand extends DynamoDBCommand {
  readonly operation = 'UpdateItem';
}
export class DeleteItemCommand extends DynamoDBCommand {
  readonly operation = 'DeleteItem';
}
export class QueryCommand extends DynamoDBCommand {
  readonly operation = 'Query';
}
export class ScanCommand extends DynamoDBCommand {
  readonly operation = 'Scan';
}
export class BatchGetItemCommand extends DynamoDBCommand {
  readonly operation = 'BatchGetItem';
}
export class BatchWriteItemCommand extends DynamoDBCommand {
  readonly operation = 'BatchWriteItem';
}
export class TransactWriteItemsCommand extends DynamoDBCommand {
  readonly operation = 'TransactWriteItems';
}
export class TransactGetItemsCommand extends DynamoDBCommand {
  readonly operation = 'TransactGetItems';
}
