import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AllocationRecord, AllocationRequest } from '../../../functions/adapters/kits/records.ts';

export const REGISTRY = 'registry-test';
export const AUDIT = 'audit-test';
export const HOUSEHOLD_ID = '01JD3Q4Z5X6Y7W8V9T0S1R2Q3P';
export const ALLOCATION_ID = `${HOUSEHOLD_ID}-2026-R2`;
export const AT = '2026-11-26T08:00:00.000Z';

/** A document client like the shared one; aws-sdk-client-mock intercepts its sends. */
export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-3' }), {
  marshallOptions: { removeUndefinedValues: true },
});

let sequence = 0;
export const storeOptions = () => ({
  client: documentClient,
  registryTable: REGISTRY,
  auditTable: () => AUDIT,
  newId: () => `ID${String(++sequence).padStart(4, '0')}`,
});

export const request = (overrides: Partial<AllocationRequest> = {}): AllocationRequest => ({
  allocationId: ALLOCATION_ID,
  householdId: HOUSEHOLD_ID,
  round: '2026-R2',
  siteId: 'SITE-1',
  lines: [
    { kitType: 'FOOD', quantity: 2 },
    { kitType: 'HYGIENE', quantity: 1 },
  ],
  registeredAt: '2026-11-01T08:00:00.000Z',
  ...overrides,
});

export const allocation = (overrides: Partial<AllocationRecord> = {}): AllocationRecord => ({
  ...request(),
  status: 'RESERVED',
  createdAt: AT,
  updatedAt: AT,
  voucherCode: '3469A-CDEFGH',
  ...overrides,
});

export const actor = { actor: 'user-1', roles: ['intake'], requestId: 'req-1' };
export const event = (action: string) => ({
  ...actor,
  action,
  entityType: 'allocation',
  entityId: ALLOCATION_ID,
});

/** A cancelled transaction, with one reason code per item ('None' where it was not at fault). */
export const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
