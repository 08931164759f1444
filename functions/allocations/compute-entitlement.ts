import * as z from 'zod';
import { dynamoDbAuditWriter } from '#shared/audit/dynamodb-audit-writer.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { requireEnv } from '#shared/env.ts';
import { taskHandler } from '#shared/task/task-handler.ts';
import { householdAfterRedrive } from '../adapters/registry/failure-mark.ts';
import { createHouseholdStore } from '../adapters/registry/household-store.ts';
import { idSchema } from '../schemas/common.ts';
import { planEntitlement } from './entitlement-plan.ts';
import { distributionSettings, kitCatalog } from './kit-config.ts';

const audit = dynamoDbAuditWriter({ client: documentClient });

/** Kit-dispatch task "Compute entitlement": `{ householdId, round?, confirmationTimeoutSeconds? }`. */
export const handler = taskHandler({
  name: 'kit-dispatch.compute-entitlement',
  input: z.object({
    householdId: idSchema,
    round: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/)
      .nullish(),
    // An operator (or a test) may shorten the wait for one execution; the default is configuration.
    confirmationTimeoutSeconds: z.int().min(1).max(31_536_000).nullish(),
  }),
  core: async (input, context) => {
    const households = createHouseholdStore(documentClient, requireEnv('REGISTRY_TABLE'));
    const household = await householdAfterRedrive(
      households,
      input.householdId,
      new Date().toISOString(),
      () =>
        audit.record({
          action: 'household.workflow-failure:cleared',
          entityType: 'household',
          entityId: input.householdId,
          actor: 'workflow:kit-dispatch',
          roles: ['workflow'],
          requestId: context.requestId,
        }),
    );
    return planEntitlement({
      householdId: input.householdId,
      household,
      requestedRound: input.round ?? undefined,
      confirmationTimeoutOverride: input.confirmationTimeoutSeconds ?? undefined,
      catalog: kitCatalog(),
      settings: distributionSettings(),
      now: new Date(),
    });
  },
});
