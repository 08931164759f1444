import { dynamoDbAuditReader } from '#shared/audit/dynamodb-audit-reader.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { auditQuerySchema } from './audit-query.ts';

const reader = dynamoDbAuditReader({ client: documentClient });

/**
 * GET /audit (supervisors): the append-only trail of one entity, or of one day, newest first.
 * Records hold identifiers only, so the answer carries no personal data.
 */
export const handler = httpHandler({
  route: 'GET /audit',
  query: auditQuerySchema,
  core: async ({ query }, context) => {
    // The matrix grants supervisors the whole trail; scope() fails closed if that ever changes.
    if (context.scope().kind !== 'all') throw new Error('GET /audit is not scoped per caller');
    const page = { limit: query.limit, ...(query.cursor === undefined ? {} : { cursor: query.cursor }) };
    return query.day !== undefined
      ? reader.byDay(query.day, page)
      : reader.byEntity(query.entityType!, query.entityId!, page);
  },
});
