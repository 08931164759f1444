import {
  type DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AuditActor } from '#shared/audit/audit-event.ts';
import { auditPuts } from '#shared/audit/dynamodb-audit-writer.ts';
import { caseKey, identityKey } from '../../adapters/protection/keys.ts';
import { type ItemScrub, needsScrub, scrubCase, scrubFollowUp, scrubReferral } from './anonymized-fields.ts';

export interface CaseAnonymizerDeps {
  client: DynamoDBDocumentClient;
  protectionTable: string;
  auditTable: string;
  now: () => Date;
  newId: () => string;
}

export type AnonymizationOutcome =
  | { kind: 'anonymized'; referrals: number; followUps: number; identityRemoved: boolean }
  | { kind: 'already-anonymized' }
  | { kind: 'not-found' }
  /** A marker for a case that is not closed: nothing is touched (the case is still worked on). */
  | { kind: 'not-closed'; status: string };

type Item = Record<string, unknown>;

/** SET and REMOVE clauses of one scrub, with placeholders for every name and value. */
function updateParts(scrub: ItemScrub) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(scrub.set).map(([name, value], index) => {
    names[`#s${index}`] = name;
    values[`:s${index}`] = value;
    return `#s${index} = :s${index}`;
  });
  const removes = scrub.remove.map((name, index) => {
    names[`#r${index}`] = name;
    return `#r${index}`;
  });
  const expression = [
    sets.length > 0 ? `SET ${sets.join(', ')}` : '',
    removes.length > 0 ? `REMOVE ${removes.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    UpdateExpression: expression,
    ExpressionAttributeNames: names,
    ...(sets.length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

/**
 * Anonymizes a closed GBV case once its retention period is over: referrals and follow-up visits
 * are scrubbed first (each update is idempotent, so a failed run is simply run again), then the
 * case file is scrubbed and its identifying-details item deleted in one transaction with the
 * `gbv-case.anonymize` audit record, on condition that the case is closed and not yet anonymized.
 * That condition makes the whole run idempotent: a redelivered stream record changes nothing
 * and writes no second audit record.
 */
export async function anonymizeCase(
  deps: CaseAnonymizerDeps,
  input: { caseId: string; actor: AuditActor },
): Promise<AnonymizationOutcome> {
  const table = deps.protectionTable;
  const { pk } = caseKey(input.caseId);
  const { Items: own = [] } = await deps.client.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    }),
  );
  const caseItem = own.find((item) => item.sk === 'CASE');
  if (!caseItem) return { kind: 'not-found' };
  if (caseItem.anonymizedAt !== undefined) return { kind: 'already-anonymized' };
  if (caseItem.status !== 'CLOSED') return { kind: 'not-closed', status: String(caseItem.status) };

  const referrals = await referralItems(deps, input.caseId);
  const followUps = own.filter((item) => String(item.sk).startsWith('FOLLOWUP#'));
  const scrubs: [Item, ItemScrub][] = [
    ...referrals.map((item): [Item, ItemScrub] => [item, scrubReferral()]),
    ...followUps.map((item): [Item, ItemScrub] => [item, scrubFollowUp()]),
  ];
  for (const [item, scrub] of scrubs) {
    if (!needsScrub(item, scrub)) continue;
    await deps.client.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: item.pk, sk: item.sk },
        ...updateParts(scrub),
        // An item deleted meanwhile is not recreated as a stub.
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  }

  const at = deps.now().toISOString();
  const caseUpdate = updateParts(scrubCase(caseItem, at));
  const hasIdentity = own.some((item) => item.sk === 'IDENTITY');
  try {
    await deps.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: caseKey(input.caseId),
              ...caseUpdate,
              ConditionExpression: 'attribute_not_exists(#anonymizedAt) AND #status = :closed',
              ExpressionAttributeNames: {
                ...caseUpdate.ExpressionAttributeNames,
                '#anonymizedAt': 'anonymizedAt',
                '#status': 'status',
              },
              ExpressionAttributeValues: { ...caseUpdate.ExpressionAttributeValues, ':closed': 'CLOSED' },
            },
          },
          { Delete: { TableName: table, Key: identityKey(input.caseId) } },
          ...auditPuts(
            {
              ...input.actor,
              action: 'gbv-case.anonymize',
              entityType: 'gbv-case',
              entityId: input.caseId,
              relatedIds: { reason: 'RETENTION_EXPIRED' },
            },
            deps.auditTable,
            { eventId: deps.newId(), at },
          ),
        ],
      }),
    );
  } catch (error) {
    // Another delivery of the same record won the race: the case is anonymized, once.
    if (error instanceof Error && error.name === 'TransactionCanceledException') {
      const again = await anonymizedAlready(deps, input.caseId);
      if (again) return { kind: 'already-anonymized' };
    }
    throw error;
  }
  return {
    kind: 'anonymized',
    referrals: referrals.length,
    followUps: followUps.length,
    identityRemoved: hasIdentity,
  };
}

/** The case's referrals, through GSI1 (`CASE#<caseId>` / `REFERRAL#…`), every page. */
async function referralItems(deps: CaseAnonymizerDeps, caseId: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await deps.client.send(
      new QueryCommand({
        TableName: deps.protectionTable,
        IndexName: 'GSI1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':prefix': 'REFERRAL#' },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

async function anonymizedAlready(deps: CaseAnonymizerDeps, caseId: string): Promise<boolean> {
  const { Items = [] } = await deps.client.send(
    new QueryCommand({
      TableName: deps.protectionTable,
      KeyConditionExpression: 'pk = :pk AND sk = :sk',
      ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':sk': caseKey(caseId).sk },
      ConsistentRead: true,
    }),
  );
  return Items[0]?.anonymizedAt !== undefined;
}
