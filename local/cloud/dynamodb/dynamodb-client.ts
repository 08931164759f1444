import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEFAULT_REGION } from '../assembly/local-settings.ts';
import { LOCAL_CREDENTIALS } from '../lambda/lambda-environment.ts';

/** A client for the local DynamoDB, without retries so readiness polling stays quick. */
export function createDynamoDbClient(endpoint: string, region = DEFAULT_REGION): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}
