import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Created once per container and reused across invocations. Region, credentials and the
 * endpoint come from the standard environment (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB), which
 * is how the same bundle reaches DynamoDB on AWS and DynamoDB Local on one machine.
 */
export const dynamoDbClient = new DynamoDBClient({});

/** Document client: plain JS values in and out; `undefined` attributes are dropped. */
export const documentClient = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});
