import {
  type AttributeValue,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';

type Item = Record<string, AttributeValue>;

/**
 * Just enough of DynamoDB for the Powertools persistence layer: a conditional put that fails
 * with the existing item, get, `SET` updates and delete, keyed on `id`.
 */
export function fakeIdempotencyTable() {
  const items = new Map<string, Item>();
  const mock = mockClient(DynamoDBClient);
  const keyOf = (key: Item | undefined) => key?.['id']?.S ?? '';

  mock.on(PutItemCommand).callsFake((input: { Item: Item }) => {
    const existing = items.get(keyOf(input.Item));
    if (existing) {
      throw new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: existing,
      });
    }
    items.set(keyOf(input.Item), { ...input.Item });
    return {};
  });
  mock.on(GetItemCommand).callsFake((input: { Key: Item }) => ({ Item: items.get(keyOf(input.Key)) }));
  mock.on(DeleteItemCommand).callsFake((input: { Key: Item }) => {
    items.delete(keyOf(input.Key));
    return {};
  });
  mock
    .on(UpdateItemCommand)
    .callsFake(
      (input: {
        Key: Item;
        UpdateExpression: string;
        ExpressionAttributeNames: Record<string, string>;
        ExpressionAttributeValues: Item;
      }) => {
        const item = items.get(keyOf(input.Key)) ?? { ...input.Key };
        for (const assignment of input.UpdateExpression.replace(/^SET /, '').split(', ')) {
          const [name = '', value = ''] = assignment.split(' = ');
          const attribute = input.ExpressionAttributeNames[name];
          const attributeValue = input.ExpressionAttributeValues[value];
          if (attribute && attributeValue) item[attribute] = attributeValue;
        }
        items.set(keyOf(input.Key), item);
        return {};
      },
    );
  return { items, mock };
}
