import * as z from 'zod';
import { parseVoucherCode } from '../domain/kits/voucher-code.ts';
import { addIssue, instantSchema, kitTypeSchema, textSchema } from './common.ts';
import { messageKey } from './messages.ts';

/** A voucher code as typed by staff; normalized to its printed form, check character verified. */
export const voucherCodeSchema = z
  .string()
  .transform((input, ctx) => {
    const code = parseVoucherCode(input);
    if (code === undefined) {
      ctx.addIssue({ code: 'custom', message: messageKey('voucherInvalid') });
      return z.NEVER;
    }
    return code;
  })
  .meta({
    description: 'Voucher code (XXXXX-XXXXXX; case, spaces and dash optional)',
    examples: ['3469A-CDEFGH'],
  });

/** Who collected the kits: the household itself or a named proxy. */
export const collectorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('HOUSEHOLD') }).strict(),
  z
    .object({
      type: z.literal('PROXY'),
      name: textSchema(120),
      relationship: textSchema(60).optional(),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[0-9 ]{8,16}$/)
        .optional(),
    })
    .strict(),
]);

const kitLineSchema = z.object({ kitType: kitTypeSchema, quantity: z.int().min(1).max(1000) }).strict();

/** `POST /allocations/{allocationId}/confirmation`: what happened at the distribution point. */
export const allocationConfirmationSchema = z
  .object({
    status: z.enum(['DISTRIBUTED', 'PARTIAL', 'NOT_DISTRIBUTED']),
    voucherCode: voucherCodeSchema,
    kits: z.array(kitLineSchema).min(1).max(20).optional(),
    collector: collectorSchema.optional(),
    proofDocumentKey: z
      .string()
      .regex(/^documents\/[A-Za-z0-9/_.-]{1,200}$/)
      .optional(),
    reason: textSchema(500).optional(),
    confirmedAt: instantSchema.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.status === 'PARTIAL' && !body.kits) addIssue(ctx, ['kits'], 'kitsRequiredForPartial');
    if (body.status !== 'PARTIAL' && body.kits) addIssue(ctx, ['kits'], 'kitsOnlyForPartial');
    if (body.status !== 'NOT_DISTRIBUTED' && !body.collector) addIssue(ctx, ['collector'], 'required');
    if (body.status === 'NOT_DISTRIBUTED' && !body.reason) addIssue(ctx, ['reason'], 'reasonRequired');
    const seen = new Set<string>();
    for (const [index, line] of (body.kits ?? []).entries()) {
      if (seen.has(line.kitType))
        addIssue(ctx, ['kits', index, 'kitType'], 'duplicateEntry', { value: line.kitType });
      seen.add(line.kitType);
    }
  })
  .meta({ id: 'AllocationConfirmation' });

export type AllocationConfirmation = z.infer<typeof allocationConfirmationSchema>;
