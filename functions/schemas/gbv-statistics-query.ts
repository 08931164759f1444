import * as z from 'zod';
import { addIssue, dateSchema } from './common.ts';

/**
 * Query of GET /gbv/stats (strict: an unknown key is a 400): the reporting period, days
 * (YYYY-MM-DD) both inclusive, either end optional; `to` may not come before `from`.
 */
export const gbvStatisticsQuerySchema = z
  .strictObject({
    from: dateSchema
      .optional()
      .meta({ description: 'First day reported (inclusive)', examples: ['2026-01-01'] }),
    to: dateSchema
      .optional()
      .meta({ description: 'Last day reported (inclusive)', examples: ['2026-03-31'] }),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.to < query.from)
      addIssue(ctx, ['to'], 'dateBefore', { other: query.from });
  });

export type GbvStatisticsQuery = z.output<typeof gbvStatisticsQuerySchema>;
