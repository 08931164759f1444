import * as z from 'zod';
import { addIssue } from './common.ts';
import { messageKey } from './messages.ts';

/** A calendar month, YYYY-MM (months 01 to 12). */
const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: messageKey('monthFormat') });

/**
 * Query of GET /gbv/stats (strict: an unknown key is a 400): the reporting period, whole months
 * (YYYY-MM) both inclusive, either end optional; `to` may not come before `from`. Days are
 * refused: two periods a day apart would tell, by subtraction, what one survivor reported.
 */
export const gbvStatisticsQuerySchema = z
  .strictObject({
    from: monthSchema
      .optional()
      .meta({ description: 'First month reported (inclusive)', examples: ['2026-01'] }),
    to: monthSchema
      .optional()
      .meta({ description: 'Last month reported (inclusive)', examples: ['2026-03'] }),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.to < query.from)
      addIssue(ctx, ['to'], 'monthBefore', { other: query.from });
  });

export type GbvStatisticsQuery = z.output<typeof gbvStatisticsQuerySchema>;
