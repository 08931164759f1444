import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { householdPk, profileSk } from '../adapters/registry/keys.ts';

const BATCH = 100;

/** Head-of-household names for a printed list, read only for the households on it. */
export async function householdNames(
  registryTable: string,
  householdIds: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let start = 0; start < householdIds.length; start += BATCH) {
    let keys: Record<string, unknown>[] | undefined = householdIds
      .slice(start, start + BATCH)
      .map((householdId) => ({ pk: householdPk(householdId), sk: profileSk }));
    while (keys && keys.length > 0) {
      const page: BatchGetCommandOutput = await documentClient.send(
        new BatchGetCommand({
          RequestItems: {
            [registryTable]: {
              Keys: keys,
              ProjectionExpression: 'householdId, headOfHousehold.givenName, headOfHousehold.familyName',
            },
          },
        }),
      );
      for (const item of page.Responses?.[registryTable] ?? []) {
        const head = item['headOfHousehold'] as { givenName?: string; familyName?: string } | undefined;
        names.set(String(item['householdId']), [head?.givenName, head?.familyName].filter(Boolean).join(' '));
      }
      keys = page.UnprocessedKeys?.[registryTable]?.Keys;
    }
  }
  return names;
}
