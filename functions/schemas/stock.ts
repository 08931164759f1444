import * as z from 'zod';
import { addIssue, instantSchema, kitTypeSchema, textSchema } from './common.ts';

const uniqueKitTypes = (lines: readonly { kitType: string }[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  for (const [index, line] of lines.entries()) {
    if (seen.has(line.kitType))
      addIssue(ctx, ['lines', index, 'kitType'], 'duplicateEntry', { value: line.kitType });
    seen.add(line.kitType);
  }
};

/** `POST /sites/{siteId}/stock/receipts`: kits delivered to a site. */
export const stockReceiptSchema = z
  .object({
    lines: z
      .array(z.object({ kitType: kitTypeSchema, quantity: z.int().min(1).max(1_000_000) }).strict())
      .min(1)
      .max(50),
    receivedAt: instantSchema.optional(),
    reference: textSchema(80).optional(),
    note: textSchema(500).optional(),
  })
  .strict()
  .superRefine((body, ctx) => uniqueKitTypes(body.lines, ctx))
  .meta({ id: 'StockReceipt' });

/** `POST /sites/{siteId}/stock/counts`: a physical count of the kits on the shelf (available and reserved alike). */
export const stockCountSchema = z
  .object({
    lines: z
      .array(z.object({ kitType: kitTypeSchema, counted: z.int().min(0).max(1_000_000) }).strict())
      .min(1)
      .max(50),
    countedAt: instantSchema,
    note: textSchema(500).optional(),
  })
  .strict()
  .superRefine((body, ctx) => uniqueKitTypes(body.lines, ctx))
  .meta({ id: 'StockCount' });

export type StockReceipt = z.infer<typeof stockReceiptSchema>;
export type StockCount = z.infer<typeof stockCountSchema>;
