import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { asRecord } from './household-store.ts';
import type { ReviewKind } from './keys.ts';
import { householdPk, parseReviewId, reviewGsi1pk, reviewGsi1sk, reviewIdOf, reviewSk } from './keys.ts';
import type { Page, ReviewDecision, ReviewRecord, ReviewStatus } from './records.ts';
import { isConditionFailed } from './transaction-errors.ts';

/** What a waiting workflow step knows when it opens (or waits again on) a review. */
export interface OpenReview {
  householdId: string;
  kind: ReviewKind;
  site: string;
  taskToken: string;
  at: string;
  candidateHouseholdId?: string | undefined;
  reasons?: ReviewRecord['reasons'];
}

/** Why a decision could not be recorded. */
export type DecideFailure = { reason: 'not-found' } | { reason: 'already-decided'; review: ReviewRecord };

/** Storage of supervisor reviews. */
export interface ReviewStore {
  /**
   * Opens the review, or stores the new task token of a workflow that waits again. Returns the review
   * as it is now: a review decided meanwhile comes back decided, untouched, so the caller can answer
   * the new token at once.
   */
  open(request: OpenReview): Promise<ReviewRecord>;
  get(reviewId: string): Promise<ReviewRecord | undefined>;
  listByStatus(query: {
    status: ReviewStatus;
    limit: number;
    cursor?: string | undefined;
  }): Promise<Page<ReviewRecord>>;
  /** Records a supervisor's decision on a PENDING review (a condition, so only one decision wins). */
  decide(
    reviewId: string,
    decision: { decision: ReviewDecision; note?: string | undefined; decidedBy: string; at: string },
  ): Promise<{ ok: true; review: ReviewRecord } | ({ ok: false } & DecideFailure)>;
}

export function createReviewStore(client: DynamoDBDocumentClient, tableName: string): ReviewStore {
  const keyOf = (householdId: string, kind: ReviewKind) => ({
    pk: householdPk(householdId),
    sk: reviewSk(kind),
  });

  const get = async (reviewId: string): Promise<ReviewRecord | undefined> => {
    const parsed = parseReviewId(reviewId);
    if (!parsed) return undefined;
    const result = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: keyOf(parsed.householdId, parsed.kind),
        ConsistentRead: true,
      }),
    );
    return result.Item ? asRecord<ReviewRecord>(result.Item) : undefined;
  };

  return {
    async open(request) {
      const reviewId = reviewIdOf(request.householdId, request.kind);
      try {
        const result = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(request.householdId, request.kind),
            UpdateExpression: [
              'SET taskToken = :token, updatedAt = :at',
              'reviewId = :reviewId, householdId = :householdId, kind = :kind, site = :site',
              '#status = if_not_exists(#status, :pending)',
              'createdAt = if_not_exists(createdAt, :at)',
              'gsi1pk = if_not_exists(gsi1pk, :gsi1pk)',
              'gsi1sk = if_not_exists(gsi1sk, :gsi1sk)',
              ...(request.candidateHouseholdId ? ['candidateHouseholdId = :candidate'] : []),
              ...(request.reasons ? ['reasons = :reasons'] : []),
            ].join(', '),
            ConditionExpression: 'attribute_not_exists(pk) OR #status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':token': request.taskToken,
              ':at': request.at,
              ':reviewId': reviewId,
              ':householdId': request.householdId,
              ':kind': request.kind,
              ':site': request.site,
              ':pending': 'PENDING',
              ':gsi1pk': reviewGsi1pk('PENDING'),
              ':gsi1sk': reviewGsi1sk(request.at, reviewId),
              ...(request.candidateHouseholdId ? { ':candidate': request.candidateHouseholdId } : {}),
              ...(request.reasons ? { ':reasons': request.reasons } : {}),
            },
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return asRecord<ReviewRecord>(result.Attributes ?? {});
      } catch (error) {
        const old = (error as { Item?: Record<string, unknown> }).Item;
        if (isConditionFailed(error) && old) return asRecord<ReviewRecord>(old);
        throw error;
      }
    },

    get,

    async listByStatus({ status, limit, cursor }) {
      const startKey = decodeCursor(cursor);
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': reviewGsi1pk(status) },
          Limit: limit,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      return {
        items: (result.Items ?? []).map((item) => asRecord<ReviewRecord>(item)),
        nextCursor: encodeCursor(result.LastEvaluatedKey),
      };
    },

    async decide(reviewId, { decision, note, decidedBy, at }) {
      const parsed = parseReviewId(reviewId);
      if (!parsed) return { ok: false, reason: 'not-found' };
      const status: ReviewStatus = 'DECIDED';
      try {
        const result = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(parsed.householdId, parsed.kind),
            UpdateExpression: `SET #status = :status, decision = :decision, decidedAt = :at, decidedBy = :by, updatedAt = :at, gsi1pk = :gsi1pk${note === undefined ? '' : ', note = :note'}`,
            ConditionExpression: '#status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': status,
              ':decision': decision,
              ':at': at,
              ':by': decidedBy,
              ':gsi1pk': reviewGsi1pk(status),
              ':pending': 'PENDING',
              ...(note === undefined ? {} : { ':note': note }),
            },
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { ok: true, review: asRecord<ReviewRecord>(result.Attributes ?? {}) };
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        const old = (error as { Item?: Record<string, unknown> }).Item;
        return old
          ? { ok: false, reason: 'already-decided', review: asRecord<ReviewRecord>(old) }
          : { ok: false, reason: 'not-found' };
      }
    },
  };
}
