import { systemClock } from '#domain/ports/clock.ts';
import { dynamoDbAuditWriter } from '#shared/audit/dynamodb-audit-writer.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { protectionStore } from '../adapters/protection/protection-store.ts';
import { sfnCallbacks } from './workflow-callbacks.ts';

/** What GBV handlers and tasks run with; tests build their own with fakes or mocked clients. */
export const gbvDeps = () => ({
  store: protectionStore({ client: documentClient }),
  audit: dynamoDbAuditWriter({ client: documentClient }),
  callbacks: sfnCallbacks,
  clock: systemClock,
});

export type GbvDeps = ReturnType<typeof gbvDeps>;
