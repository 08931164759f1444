import type { Context } from 'aws-lambda';
import { dynamoDbAuditWriter } from '#shared/audit/dynamodb-audit-writer.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { sfnClient } from '#shared/clients/sfn.ts';
import { requireEnv } from '#shared/env.ts';
import { logger } from '#shared/observability/logger.ts';
import { protectionStore } from '../adapters/protection/protection-store.ts';
import { createHouseholdStore } from '../adapters/registry/household-store.ts';
import { caseFailures } from './case-failures.ts';
import { failedStateOf } from './failed-state.ts';
import { statusChangeEventSchema } from './status-change.ts';
import { recordWorkflowFailure, type WorkflowFailureDeps } from './workflow-failures.ts';

let deps: WorkflowFailureDeps | undefined;
const depsOnce = (): WorkflowFailureDeps =>
  (deps ??= {
    households: createHouseholdStore(documentClient, requireEnv('REGISTRY_TABLE')),
    cases: caseFailures(protectionStore({ client: documentClient })),
    audit: dynamoDbAuditWriter({ client: documentClient }),
    failedState: (executionArn) => failedStateOf(sfnClient, executionArn),
  });

/**
 * EventBridge target of the workflows' status changes (infra: WorkflowFailures rule). Invoked
 * asynchronously: a thrown error is retried by Lambda, then lands in the dead-letter queue.
 */
export async function handler(event: unknown, context: Context): Promise<void> {
  const parsed = statusChangeEventSchema.safeParse(event);
  if (!parsed.success) {
    // Paths only: the event's input is not logged.
    logger.warn('Not an execution status change', {
      paths: parsed.error.issues.map((issue) => issue.path.join('.')),
    });
    return;
  }
  const { detail } = parsed.data;
  const outcome = await recordWorkflowFailure(depsOnce(), parsed.data, context.awsRequestId);
  logger.info('Workflow status change', {
    executionArn: detail.executionArn,
    status: detail.status,
    redriveCount: detail.redriveCount,
    outcome,
  });
}
