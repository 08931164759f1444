import { type DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditActor } from '#shared/audit/audit-event.ts';
import { auditPuts } from '#shared/audit/dynamodb-audit-writer.ts';
import {
  allocationSkPrefix,
  guardSk,
  householdPk,
  identityGuardPk,
  profileSk,
} from '../adapters/registry/keys.ts';

/** Statuses after which no workflow reads the profile's personal fields again. */
export const ERASABLE_STATUSES = ['ELIGIBLE', 'INELIGIBLE', 'DUPLICATE', 'REVIEW_EXPIRED', 'FAILED'] as const;

export type ErasureReason = 'DATA_SUBJECT_REQUEST' | 'REGISTERED_IN_ERROR' | 'RETENTION_EXPIRED';

export type ErasureOutcome =
  | { kind: 'erased'; removedItems: number; changedItems: number }
  | { kind: 'not-found' }
  | { kind: 'already-erased' }
  | { kind: 'in-progress'; status: string };

/**
 * Erases a household's personal data in one transaction:
 * - the profile loses the head of household (names, sex, birth year, phone), the identity
 *   fingerprint (an unkeyed hash of name, birth year and place, so it could confirm a guess) and
 *   its near-match blocking key; it keeps site, P-codes, member counts, displacement, food-security
 *   scores and the eligibility outcome, which are the programme's aggregates;
 * - the identity guard item is deleted, so no key in the table resolves a person to this household;
 * - allocations lose the proxy collector (a name and a phone), reviews their free-text note;
 * - the audit trail gets `household.erase`.
 */
export async function eraseHousehold(
  deps: {
    client: DynamoDBDocumentClient;
    registryTable: string;
    auditTable: string;
    now: () => Date;
    newId: () => string;
  },
  input: { householdId: string; reason: ErasureReason; actor: AuditActor },
): Promise<ErasureOutcome> {
  const pk = householdPk(input.householdId);
  const { Items = [] } = await deps.client.send(
    new QueryCommand({
      TableName: deps.registryTable,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    }),
  );
  const profile = Items.find((item) => item.sk === profileSk);
  if (!profile) return { kind: 'not-found' };
  if (profile.erasure) return { kind: 'already-erased' };
  if (!(ERASABLE_STATUSES as readonly string[]).includes(String(profile.status)))
    return { kind: 'in-progress', status: String(profile.status) };

  const at = deps.now().toISOString();
  const transactItems: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
    {
      Update: {
        TableName: deps.registryTable,
        Key: { pk, sk: profileSk },
        UpdateExpression:
          'REMOVE headOfHousehold, fingerprint, gsi2pk, gsi2sk SET erasure = :erasure, updatedAt = :at',
        // The status is checked again: a workflow that moved on meanwhile makes this fail, not race.
        ConditionExpression: 'attribute_not_exists(erasure) AND #status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':erasure': { at, by: input.actor.actor, reason: input.reason },
          ':at': at,
          ':status': profile.status,
        },
      },
    },
  ];
  let removedItems = 0;
  if (typeof profile.fingerprint === 'string') {
    removedItems += 1;
    transactItems.push({
      Delete: {
        TableName: deps.registryTable,
        Key: { pk: identityGuardPk(profile.fingerprint), sk: guardSk },
        // Only the guard this household holds; another household's claim is never touched.
        ConditionExpression: 'attribute_not_exists(pk) OR householdId = :householdId',
        ExpressionAttributeValues: { ':householdId': input.householdId },
      },
    });
  }
  let changedItems = 1;
  for (const item of Items) {
    const sk = String(item.sk);
    const personal = sk.startsWith(allocationSkPrefix)
      ? 'collector'
      : sk.startsWith('REVIEW#')
        ? 'note'
        : undefined;
    if (personal === undefined || item[personal] === undefined) continue;
    changedItems += 1;
    transactItems.push({
      Update: {
        TableName: deps.registryTable,
        Key: { pk, sk },
        UpdateExpression: `REMOVE ${personal}`,
      },
    });
  }
  transactItems.push(
    ...auditPuts(
      {
        ...input.actor,
        action: 'household.erase',
        entityType: 'household',
        entityId: input.householdId,
        relatedIds: { reason: input.reason },
      },
      deps.auditTable,
      { eventId: deps.newId(), at },
    ),
  );
  await deps.client.send(new TransactWriteCommand({ TransactItems: transactItems }));
  return { kind: 'erased', removedItems, changedItems };
}
