import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { guardSk, identityGuardPk } from '../registry/keys.ts';

/** Who already holds an identity fingerprint, if anyone. */
export type IdentityOwner = (fingerprint: string) => Promise<string | undefined>;

/** Reads the registration guard item the intake's deduplication claims (same table, same key). */
export function createIdentityOwner(client: DynamoDBDocumentClient, tableName: string): IdentityOwner {
  return async (fingerprint) => {
    const { Item } = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: identityGuardPk(fingerprint), sk: guardSk },
        ConsistentRead: true,
      }),
    );
    const owner = Item?.['householdId'];
    return typeof owner === 'string' ? owner : undefined;
  };
}
