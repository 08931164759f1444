import * as z from 'zod';
import { addIssue } from '../schemas/common.ts';

const token = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9_.:-]+$/);

/**
 * `GET /audit`: one entity's history (`entityType` and `entityId` together) or one day's
 * records (`day`), newest first. One of the two, never both: each is a single DynamoDB Query.
 */
export const auditQuerySchema = z
  .strictObject({
    entityType: token.optional(),
    entityId: token.optional(),
    day: z.iso.date().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2048).optional(),
  })
  .superRefine((query, ctx) => {
    const byEntity = query.entityType !== undefined || query.entityId !== undefined;
    if (byEntity && query.day !== undefined) addIssue(ctx, ['day'], 'unknownField');
    if (!byEntity && query.day === undefined) addIssue(ctx, ['entityType'], 'required');
    if (byEntity && query.entityType === undefined) addIssue(ctx, ['entityType'], 'required');
    if (byEntity && query.entityId === undefined) addIssue(ctx, ['entityId'], 'required');
  });

export type AuditQueryInput = z.infer<typeof auditQuerySchema>;
