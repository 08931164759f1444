import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HouseholdRecord } from '../../../functions/adapters/registry/records.ts';

export const TABLE = 'registry-test';
export const HOUSEHOLD_ID = '01JD3Q4Z5X6Y7W8V9T0S1R2Q3P';
export const OTHER_ID = '01JD3Q4Z5X6Y7W8V9T0S1R2Q4A';

/** A document client like the shared one; aws-sdk-client-mock intercepts its sends. */
export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-3' }), {
  marshallOptions: { removeUndefinedValues: true },
});

export const household = (overrides: Partial<HouseholdRecord> = {}): HouseholdRecord => ({
  householdId: HOUSEHOLD_ID,
  status: 'RECEIVED',
  headOfHousehold: { givenName: 'Aminata', familyName: 'Traoré', sex: 'F', birthYear: 1985 },
  location: { adm1: 'ML05', adm2: 'ML0506', site: 'SITE-SEVARE-01' },
  members: {
    total: 6,
    childrenUnder5: 2,
    pregnantOrLactating: 1,
    elderly: 0,
    withDisability: 0,
    womenAndGirls12to49: 2,
  },
  displacement: 'IDP',
  foodSecurity: { rcsi: 20 },
  source: { channel: 'api' },
  consent: { dataProcessing: true, recordedAt: '2026-06-01T08:00:00.000Z' },
  registeredBy: 'user-1',
  createdAt: '2026-06-01T08:00:00.000Z',
  updatedAt: '2026-06-01T08:00:00.000Z',
  ...overrides,
});

/** A transaction cancelled by the conditions of the items whose codes are given (None elsewhere). */
export const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

export const conditionFailed = (item?: Record<string, unknown>) =>
  new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: {},
    ...(item ? { Item: item as never } : {}),
  });
