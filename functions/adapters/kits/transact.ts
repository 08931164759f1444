import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationCodes } from '../registry/transaction-errors.ts';

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;
export type TransactItem = TransactItems[number];

/** A transaction cancelled by conditions: the index of each item whose condition failed. */
export class TransactionRefusedError extends Error {
  constructor(
    readonly failedIndexes: readonly number[],
    options: { cause: unknown },
  ) {
    super(`Transaction refused on items ${failedIndexes.join(', ')}`, options);
    this.name = 'TransactionRefusedError';
  }
}

const isConflict = (error: unknown): boolean => {
  if (error instanceof Error && error.name === 'TransactionConflictException') return true;
  const codes = cancellationCodes(error);
  return (
    !!codes &&
    codes.some((code) => code === 'TransactionConflict') &&
    !codes.includes('ConditionalCheckFailed')
  );
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes items in one DynamoDB transaction. Transactions that touch the same stock item at the same
 * moment cancel each other (TransactionConflict) even when both would fit: those are retried with
 * full-jitter backoff. A failed condition is an answer, not a fault: it comes back as
 * {@link TransactionRefusedError} naming the items that refused.
 */
export async function transact(
  client: DynamoDBDocumentClient,
  items: TransactItem[],
  options: { maxAttempts?: number; baseDelayMs?: number } = {},
): Promise<void> {
  const maxAttempts = options.maxAttempts ?? 12;
  const baseDelayMs = options.baseDelayMs ?? 10;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (isConflict(error) && attempt < maxAttempts) {
        await sleep(Math.random() * Math.min(1000, baseDelayMs * 2 ** attempt));
        continue;
      }
      const codes = cancellationCodes(error);
      if (codes?.includes('ConditionalCheckFailed')) {
        const failed = codes.flatMap((code, index) => (code === 'ConditionalCheckFailed' ? [index] : []));
        throw new TransactionRefusedError(failed, { cause: error });
      }
      throw error;
    }
  }
}
