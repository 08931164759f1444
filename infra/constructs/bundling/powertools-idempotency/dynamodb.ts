/**
 * Powertools idempotency's DynamoDBPersistenceLayer (lib/esm/persistence/DynamoDBPersistenceLayer.js):
 * the same items, keys, condition and update expressions on the same client calls. Without a sort
 * key (`sortKeyAttr`, `staticPkValue`: refused), and without Powertools' user-agent middleware,
 * which the bundles' small DynamoDB client has no stack to run (infra/constructs/bundling/aws-http.ts).
 */
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { refuseOptions } from '../powertools-env.ts';
import { IdempotencyItemAlreadyExistsError, IdempotencyItemNotFoundError } from './errors.ts';
import { BasePersistenceLayer } from './persistence.ts';
import { IdempotencyRecord, IdempotencyRecordStatus } from './record.ts';

interface DynamoDBPersistenceOptions {
  tableName: string;
  keyAttr?: string;
  statusAttr?: string;
  expiryAttr?: string;
  inProgressExpiryAttr?: string;
  dataAttr?: string;
  validationKeyAttr?: string;
  awsSdkV3Client?: DynamoDBClient;
  clientConfig?: DynamoDBClientConfig;
}
const SUPPORTED_OPTIONS = [
  'tableName',
  'keyAttr',
  'statusAttr',
  'expiryAttr',
  'inProgressExpiryAttr',
  'dataAttr',
  'validationKeyAttr',
  'awsSdkV3Client',
  'clientConfig',
];

/** commons' isSdkClient: an object with `send`, a `config` object and a middleware stack Powertools can add to. */
function isSdkClient(client: unknown): boolean {
  const {
    send,
    config,
    middlewareStack: stack,
  } = (client ?? {}) as Record<string, Record<string, unknown> | null>;
  return (
    typeof client === 'object' &&
    typeof send === 'function' &&
    typeof config === 'object' &&
    config !== null &&
    typeof stack?.['identify'] === 'function' &&
    typeof stack['addRelativeTo'] === 'function'
  );
}

export class DynamoDBPersistenceLayer extends BasePersistenceLayer {
  client: DynamoDBClient;
  tableName: string;
  keyAttr: string;
  statusAttr: string;
  expiryAttr: string;
  inProgressExpiryAttr: string;
  dataAttr: string;
  validationKeyAttr: string;

  constructor(config: DynamoDBPersistenceOptions) {
    super();
    refuseOptions('DynamoDBPersistenceLayer', config, SUPPORTED_OPTIONS);
    this.tableName = config.tableName;
    this.keyAttr = config.keyAttr ?? 'id';
    this.statusAttr = config.statusAttr ?? 'status';
    this.expiryAttr = config.expiryAttr ?? 'expiration';
    this.inProgressExpiryAttr = config.inProgressExpiryAttr ?? 'in_progress_expiration';
    this.dataAttr = config.dataAttr ?? 'data';
    this.validationKeyAttr = config.validationKeyAttr ?? 'validation';
    const given = config.awsSdkV3Client;
    if (given && !isSdkClient(given))
      console.warn('awsSdkV3Client is not an AWS SDK v3 client, using default client');
    this.client = given && isSdkClient(given) ? given : new DynamoDBClient(config.clientConfig ?? {});
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    await this.client.send(
      new DeleteItemCommand({ TableName: this.tableName, Key: this.getKey(record.idempotencyKey) }),
    );
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const result = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: this.getKey(idempotencyKey),
        ConsistentRead: true,
      }),
    );
    if (!result.Item) throw new IdempotencyItemNotFoundError();
    return this.#recordOf(unmarshall(result.Item));
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const item = {
      ...this.getKey(record.idempotencyKey),
      ...marshall({ [this.expiryAttr]: record.expiryTimestamp, [this.statusAttr]: record.getStatus() }),
    };
    if (record.inProgressExpiryTimestamp !== undefined)
      item[this.inProgressExpiryAttr] = { N: record.inProgressExpiryTimestamp.toString() };
    if (this.isPayloadValidationEnabled() && record.payloadHash !== undefined)
      item[this.validationKeyAttr] = { S: record.payloadHash };
    try {
      const now = Date.now();
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: item,
          ExpressionAttributeNames: {
            '#id': this.keyAttr,
            '#expiry': this.expiryAttr,
            '#in_progress_expiry': this.inProgressExpiryAttr,
            '#status': this.statusAttr,
          },
          ExpressionAttributeValues: marshall({
            ':now': now / 1000,
            ':now_in_millis': now,
            ':inprogress': IdempotencyRecordStatus.INPROGRESS,
          }),
          ConditionExpression:
            'attribute_not_exists(#id) OR #expiry < :now OR (#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = error.Item && this.#recordOf(unmarshall(error.Item));
      throw new IdempotencyItemAlreadyExistsError(
        `Failed to put record for already existing idempotency key: ${record.idempotencyKey}`,
        existing,
      );
    }
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    const fields = ['#expiry = :expiry', '#status = :status'];
    const names: Record<string, string> = { '#expiry': this.expiryAttr, '#status': this.statusAttr };
    const values: Record<string, unknown> = {
      ':expiry': record.expiryTimestamp,
      ':status': record.getStatus(),
    };
    if (record.responseData !== undefined) {
      fields.push('#response_data = :response_data');
      names['#response_data'] = this.dataAttr;
      values[':response_data'] = record.responseData;
    }
    if (this.isPayloadValidationEnabled()) {
      fields.push('#validation_key = :validation_key');
      names['#validation_key'] = this.validationKeyAttr;
      values[':validation_key'] = record.payloadHash;
    }
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: this.getKey(record.idempotencyKey),
        UpdateExpression: `SET ${fields.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: marshall(values),
      }),
    );
  }

  getKey(idempotencyKey: string) {
    return marshall({ [this.keyAttr]: idempotencyKey });
  }

  #recordOf(item: Record<string, unknown>): IdempotencyRecord {
    return new IdempotencyRecord({
      idempotencyKey: item[this.keyAttr] as string,
      status: item[this.statusAttr] as string,
      expiryTimestamp: item[this.expiryAttr] as number,
      inProgressExpiryTimestamp: item[this.inProgressExpiryAttr] as number,
      responseData: item[this.dataAttr],
      payloadHash: item[this.validationKeyAttr] as string,
    });
  }
}
