import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { HouseholdMissingError } from './household-store.ts';
import { decisionSk, householdGsi1sk, householdPk, profileSk } from './keys.ts';
import type { DecisionRecord, HouseholdRecord, HouseholdStatus } from './records.ts';
import { failedOnlyOnCondition } from './transaction-errors.ts';

/** Storage of eligibility decisions. */
export interface DecisionStore {
  /**
   * Stores a decision and moves the household to `status` in one transaction, so a household never
   * shows an outcome without the reasons behind it.
   */
  record(household: HouseholdRecord, decision: DecisionRecord, status: HouseholdStatus): Promise<void>;
}

export function createDecisionStore(client: DynamoDBDocumentClient, tableName: string): DecisionStore {
  return {
    async record(household, decision, status) {
      const householdKey = { pk: householdPk(household.householdId), sk: profileSk };
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    pk: householdPk(household.householdId),
                    sk: decisionSk(decision.decidedAt),
                    ...decision,
                  },
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: householdKey,
                  UpdateExpression:
                    'SET #status = :status, gsi1sk = :gsi1sk, updatedAt = :at, eligibility = :eligibility',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':status': status,
                    ':gsi1sk': householdGsi1sk(status, household.createdAt, household.householdId),
                    ':at': decision.decidedAt,
                    ':eligibility': { outcome: decision.outcome, ruleSetVersion: decision.ruleSetVersion },
                  },
                },
              },
            ],
          }),
        );
      } catch (error) {
        if (failedOnlyOnCondition(error, 1))
          throw new HouseholdMissingError(household.householdId, { cause: error });
        throw error;
      }
    },
  };
}
