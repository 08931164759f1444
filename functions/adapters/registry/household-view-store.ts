import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { asRecord } from './household-store.ts';
import { allocationSkPrefix, decisionSkPrefix, householdPk, profileSk } from './keys.ts';
import type { AllocationRecord, DecisionRecord, HouseholdRecord, ReviewRecord } from './records.ts';

/** Everything stored about one household, read in one Query of its partition. */
export interface HouseholdView {
  household: HouseholdRecord;
  /** Oldest first; the last one is in force. */
  decisions: DecisionRecord[];
  reviews: ReviewRecord[];
  allocations: AllocationRecord[];
}

export type HouseholdViewReader = (householdId: string) => Promise<HouseholdView | undefined>;

export function createHouseholdViewReader(
  client: DynamoDBDocumentClient,
  tableName: string,
): HouseholdViewReader {
  return async (householdId) => {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': householdPk(householdId) },
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const profile = items.find((item) => item['sk'] === profileSk);
    if (!profile) return undefined;
    const withPrefix = (prefix: string) => items.filter((item) => String(item['sk']).startsWith(prefix));
    return {
      household: asRecord<HouseholdRecord>(profile),
      decisions: withPrefix(decisionSkPrefix).map((item) => asRecord<DecisionRecord>(item)),
      reviews: withPrefix('REVIEW#').map((item) => {
        // The task token is a capability to resume the workflow: it never leaves the table.
        const { taskToken: _token, ...review } = asRecord<ReviewRecord>(item);
        return review;
      }),
      allocations: withPrefix(allocationSkPrefix).map((item) => ({ ...item, sk: String(item['sk']) })),
    };
  };
}
