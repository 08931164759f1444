import { ulid } from 'ulid';
import * as z from 'zod';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { requireEnv } from '#shared/env.ts';
import { NotFoundError } from '#shared/errors/http-errors.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { householdIdSchema } from '../intake/task-input.ts';
import { AlreadyErasedError, ErasureWhileInProgressError } from './erasure-errors.ts';
import { eraseHousehold } from './household-erasure.ts';

export const erasureRequestSchema = z
  .strictObject({ reason: z.enum(['DATA_SUBJECT_REQUEST', 'REGISTERED_IN_ERROR', 'RETENTION_EXPIRED']) })
  .meta({ id: 'ErasureRequest' });

/**
 * POST /households/{id}/erasure (supervisors): removes the household's personal data and keeps
 * its non-identifying aggregates; see household-erasure.ts for exactly what goes.
 */
export const handler = httpHandler({
  route: 'POST /households/{id}/erasure',
  path: z.object({ id: householdIdSchema }),
  body: erasureRequestSchema,
  core: async ({ path, body }, context) => {
    const outcome = await eraseHousehold(
      {
        client: documentClient,
        registryTable: requireEnv('REGISTRY_TABLE'),
        auditTable: requireEnv('AUDIT_TABLE'),
        now: () => new Date(),
        newId: ulid,
      },
      { householdId: path.id, reason: body.reason, actor: context.actor },
    );
    if (outcome.kind === 'not-found') throw new NotFoundError({ entityType: 'household', entityId: path.id });
    if (outcome.kind === 'already-erased') throw new AlreadyErasedError({ householdId: path.id });
    if (outcome.kind === 'in-progress')
      throw new ErasureWhileInProgressError({ householdId: path.id, status: outcome.status });
    return { householdId: path.id, erased: true };
  },
});
