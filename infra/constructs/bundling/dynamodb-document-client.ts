/**
 * Stands in for `@aws-sdk/lib-dynamodb` in the Lambda bundles, over the small DynamoDB client
 * (dynamodb-client.ts says why, and the departure from DESIGN.md decision 4). Same marshalling as
 * lib-dynamodb (document-key-nodes.ts) with @aws-sdk/util-dynamodb, the SDK's own converter.
 */

import { middlewareStackStub } from './aws-http.ts';
import type { JsonCommand } from './aws-json-protocol.ts';
import {
  DOCUMENT_OPERATIONS,
  type DocumentOperation,
  type MarshallOptions,
  marshallInput,
  type UnmarshallOptions,
  unmarshallOutput,
} from './document-key-nodes.ts';
import type { DynamoDBClient } from './dynamodb-client.ts';

export interface TranslateConfig {
  marshallOptions?: MarshallOptions;
  unmarshallOptions?: UnmarshallOptions;
}

abstract class DocumentCommand {
  abstract readonly document: DocumentOperation;
  readonly middlewareStack = middlewareStackStub();
  constructor(readonly input: Record<string, unknown>) {}
}

export class DynamoDBDocumentClient {
  readonly middlewareStack = middlewareStackStub();
  readonly config: DynamoDBClient['config'] & { translateConfig?: TranslateConfig };
  private readonly marshallOptions: MarshallOptions;
  private readonly unmarshallOptions: UnmarshallOptions;

  protected constructor(
    private readonly client: DynamoDBClient,
    translateConfig: TranslateConfig = {},
  ) {
    this.config = { ...client.config, translateConfig };
    // lib-dynamodb's defaults for these two, which its callers never see as options.
    this.marshallOptions = { convertTopLevelContainer: true, ...translateConfig.marshallOptions };
    this.unmarshallOptions = { convertWithoutMapWrapper: true, ...translateConfig.unmarshallOptions };
  }

  static from(client: DynamoDBClient, translateConfig?: TranslateConfig): DynamoDBDocumentClient {
    return new DynamoDBDocumentClient(client, translateConfig);
  }

  /** A document command, or a low-level one, which passes through as with lib-dynamodb. */
  async send(command: DocumentCommand | JsonCommand): Promise<Record<string, unknown>> {
    if (!('document' in command)) return this.client.send(command);
    const { operation, input, output } = command.document;
    const result = await this.client.send({
      operation,
      input: marshallInput(command.input, input, this.marshallOptions),
    });
    return unmarshallOutput(result, output, this.unmarshallOptions);
  }

  destroy(): void {
    this.client.destroy();
  }
}

export class GetCommand extends DocumentCommand {
  readonly document = DOCUMENT_OPERATIONS.Get;
}
export class PutCommand extends DocumentCommand {
  readonly document = DOCUMENT_OPERATIONS.Put;
}
export class UpdateCommand extends DocumentCommand {
  readonly document = DOCUMENT_OPERATIONS.Update;
}
export class DeleteCommand extends DocumentCommand {
  readonly document = DOCUMENT_OPERATIONS.Delete;
}
export class QueryCommand extends DocumentCommand {
  readonly document = DOCUMENT_OPERATIONS.Query;
}
export class ScanCommand extends DocumentCommand {
  readonly document = DOCUMENT_OPERATIONS.Scan;
}
export class BatchGetCommand extends DocumentCommand {
  readonly document = DOCUMENT_OPERATIONS.BatchGet;
}
export class BatchWriteCommand extends DocumentCommand {
  readonly document = DOCUMENT_OPERATIONS.BatchWrite;
}
export class TransactWriteCommand extends DocumentCommand {
  readonly document = DOCUMENT_OPERATIONS.TransactWrite;
}
export class TransactGetCommand extends DocumentCommand {
  readonly document = DOCUMENT_OPERATIONS.TransactGet;
}
