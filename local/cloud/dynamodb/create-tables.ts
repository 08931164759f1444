import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableModel } from '../model/tables.ts';

function createInput(table: TableModel): CreateTableCommandInput {
  const input: CreateTableCommandInput = {
    TableName: table.tableName,
    AttributeDefinitions: table.attributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
    KeySchema: table.keySchema,
    BillingMode: 'PAY_PER_REQUEST',
  };
  if (table.globalSecondaryIndexes.length > 0) {
    input.GlobalSecondaryIndexes =
      table.globalSecondaryIndexes as CreateTableCommandInput['GlobalSecondaryIndexes'];
  }
  if (table.localSecondaryIndexes.length > 0) {
    input.LocalSecondaryIndexes =
      table.localSecondaryIndexes as CreateTableCommandInput['LocalSecondaryIndexes'];
  }
  if (table.streamViewType) {
    input.StreamSpecification = {
      StreamEnabled: true,
      StreamViewType: table.streamViewType as 'NEW_AND_OLD_IMAGES',
    };
  }
  return input;
}

async function describe(client: DynamoDBClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/**
 * Creates each table as the template declares it; on a rerun, an existing table keeps its data
 * and gains the global secondary indexes added since (as a CloudFormation update would).
 */
export async function createTables(client: DynamoDBClient, tables: TableModel[]): Promise<void> {
  await Promise.all(
    tables.map(async (table) => {
      const existing = await describe(client, table.tableName);
      if (!existing) {
        await client.send(new CreateTableCommand(createInput(table)));
      } else {
        const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
        for (const index of table.globalSecondaryIndexes.filter((i) => !present.has(i.IndexName))) {
          await client.send(
            new UpdateTableCommand({
              TableName: table.tableName,
              AttributeDefinitions:
                table.attributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
              GlobalSecondaryIndexUpdates: [{ Create: index as never }],
            }),
          );
        }
      }
      if (table.timeToLiveAttribute) {
        await client
          .send(
            new UpdateTimeToLiveCommand({
              TableName: table.tableName,
              TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
            }),
          )
          // DynamoDB refuses to enable TTL that is already enabled; the state is what we want.
          .catch((error: Error) => {
            if (!/already enabled/i.test(error.message)) throw error;
          });
      }
    }),
  );
}
