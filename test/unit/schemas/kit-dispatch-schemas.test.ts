import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { checkCharacter } from '../../../functions/domain/kits/voucher-code.ts';
import { allocationConfirmationSchema } from '../../../functions/schemas/allocation-confirmation.ts';
import { formatIssues } from '../../../functions/schemas/format-issues.ts';
import { reviewDecisionSchema } from '../../../functions/schemas/review-decision.ts';
import { stockCountSchema, stockReceiptSchema } from '../../../functions/schemas/stock.ts';
import {
  documentUploadRequestSchema,
  MAX_PARTNER_UPLOAD_BYTES,
  partnerUploadRequestSchema,
} from '../../../functions/schemas/upload-request.ts';
import { validate } from '../../../functions/schemas/validate.ts';
import { verificationOutcomeSchema } from '../../../functions/schemas/verification-outcome.ts';

const issues = (schema: z.ZodType, body: unknown, lang: 'fr' | 'en' = 'en') => {
  const result = validate(schema, body);
  return result.success ? [] : formatIssues(result.error, lang);
};
const body = 'ACDEF' + 'GHJKM';
const voucher = `${body.slice(0, 5)}-${body.slice(5)}${checkCharacter(body)}`;

describe('allocationConfirmationSchema', () => {
  const distributed = { status: 'DISTRIBUTED', voucherCode: voucher, collector: { type: 'HOUSEHOLD' } };

  it('accepts a full distribution collected by the household and normalizes the typed voucher', () => {
    const typed = { ...distributed, voucherCode: ` ${voucher.replace('-', '').toLowerCase()} ` };
    expect(allocationConfirmationSchema.parse(typed).voucherCode).toBe(voucher);
  });

  it('refuses a voucher whose check character does not match', () => {
    const wrong = voucher.slice(0, -1) + (voucher.endsWith('3') ? '4' : '3');
    expect(issues(allocationConfirmationSchema, { ...distributed, voucherCode: wrong }, 'fr')).toEqual([
      { path: 'voucherCode', message: 'Code de bon invalide (vérifiez chaque caractère)' },
    ]);
  });

  it('requires the kits of a partial distribution, and only then', () => {
    expect(issues(allocationConfirmationSchema, { ...distributed, status: 'PARTIAL' })).toEqual([
      { path: 'kits', message: 'List the kits handed over for a partial distribution' },
    ]);
    const partial = { ...distributed, status: 'PARTIAL', kits: [{ kitType: 'FOOD', quantity: 1 }] };
    expect(issues(allocationConfirmationSchema, partial)).toEqual([]);
    expect(
      issues(allocationConfirmationSchema, { ...partial, status: 'DISTRIBUTED' }).map((i) => i.path),
    ).toEqual(['kits']);
    const twice = { ...partial, kits: [...partial.kits, { kitType: 'FOOD', quantity: 2 }] };
    expect(issues(allocationConfirmationSchema, twice).map((i) => i.path)).toEqual(['kits.1.kitType']);
  });

  it('accepts a named proxy and refuses a proxy without a name', () => {
    const proxy = {
      ...distributed,
      collector: { type: 'PROXY', name: 'Oumar Traoré', relationship: 'frère' },
    };
    expect(issues(allocationConfirmationSchema, proxy)).toEqual([]);
    expect(
      issues(allocationConfirmationSchema, { ...distributed, collector: { type: 'PROXY' } }).map(
        (i) => i.path,
      ),
    ).toEqual(['collector.name']);
  });

  it('requires a reason when nothing was distributed, and a collector otherwise', () => {
    expect(
      issues(allocationConfirmationSchema, { status: 'NOT_DISTRIBUTED', voucherCode: voucher }).map(
        (i) => i.path,
      ),
    ).toEqual(['reason']);
    expect(
      issues(allocationConfirmationSchema, { status: 'DISTRIBUTED', voucherCode: voucher }).map(
        (i) => i.path,
      ),
    ).toEqual(['collector']);
  });

  it('accepts a proof document key under documents/ only', () => {
    expect(
      issues(allocationConfirmationSchema, { ...distributed, proofDocumentKey: 'documents/a/b.pdf' }),
    ).toEqual([]);
    expect(
      issues(allocationConfirmationSchema, { ...distributed, proofDocumentKey: '../uploads/x' }),
    ).toHaveLength(1);
  });
});

describe('stock schemas', () => {
  it('accepts a receipt of several kit types and refuses zero, negatives and repeats', () => {
    const receipt = {
      lines: [
        { kitType: 'FOOD', quantity: 100 },
        { kitType: 'HYGIENE', quantity: 50 },
      ],
    };
    expect(issues(stockReceiptSchema, receipt)).toEqual([]);
    expect(
      issues(stockReceiptSchema, { lines: [{ kitType: 'FOOD', quantity: 0 }] }).map((i) => i.path),
    ).toEqual(['lines.0.quantity']);
    expect(
      issues(stockReceiptSchema, {
        lines: [
          { kitType: 'FOOD', quantity: 1 },
          { kitType: 'FOOD', quantity: 2 },
        ],
      }),
    ).toEqual([{ path: 'lines.1.kitType', message: 'Duplicate value: FOOD' }]);
    expect(issues(stockReceiptSchema, { lines: [] }).map((i) => i.path)).toEqual(['lines']);
  });

  it('accepts a count of zero and requires when it was counted', () => {
    expect(
      issues(stockCountSchema, {
        lines: [{ kitType: 'FOOD', counted: 0 }],
        countedAt: '2026-03-01T08:00:00Z',
      }),
    ).toEqual([]);
    expect(issues(stockCountSchema, { lines: [{ kitType: 'FOOD', counted: 0 }] }).map((i) => i.path)).toEqual(
      ['countedAt'],
    );
  });
});

describe('reviewDecisionSchema', () => {
  it('accepts an approval without a note and requires a note to refuse', () => {
    expect(issues(reviewDecisionSchema, { decision: 'ELIGIBLE' })).toEqual([]);
    expect(issues(reviewDecisionSchema, { decision: 'INELIGIBLE' }, 'fr')).toEqual([
      { path: 'note', message: 'Indiquez la raison' },
    ]);
    expect(issues(reviewDecisionSchema, { decision: 'DUPLICATE', note: 'même ménage' })).toEqual([]);
  });
});

describe('verificationOutcomeSchema', () => {
  it('requires the issues of a delivery received with issues', () => {
    const at = '2026-04-01T10:00:00Z';
    expect(issues(verificationOutcomeSchema, { outcome: 'RECEIVED', contactedAt: at })).toEqual([]);
    expect(
      issues(verificationOutcomeSchema, { outcome: 'RECEIVED_WITH_ISSUES', contactedAt: at }).map(
        (i) => i.path,
      ),
    ).toEqual(['issues']);
    expect(
      issues(verificationOutcomeSchema, {
        outcome: 'RECEIVED_WITH_ISSUES',
        issues: ['PAID_FOR'],
        contactedAt: at,
      }),
    ).toEqual([]);
  });
});

describe('upload requests', () => {
  it('accepts a CSV up to the limit and refuses larger files, other types and path tricks', () => {
    const ok = {
      fileName: 'liste-fede-mars.csv',
      contentType: 'text/csv',
      sizeBytes: MAX_PARTNER_UPLOAD_BYTES,
    };
    expect(issues(partnerUploadRequestSchema, ok)).toEqual([]);
    expect(
      issues(partnerUploadRequestSchema, { ...ok, sizeBytes: MAX_PARTNER_UPLOAD_BYTES + 1 }, 'fr'),
    ).toEqual([
      { path: 'sizeBytes', message: `Fichier trop volumineux (maximum ${MAX_PARTNER_UPLOAD_BYTES} octets)` },
    ]);
    expect(
      issues(partnerUploadRequestSchema, { ...ok, contentType: 'application/x-msdownload' }).map(
        (i) => i.path,
      ),
    ).toEqual(['contentType']);
    expect(
      issues(partnerUploadRequestSchema, { ...ok, fileName: '../AMSS/x.csv' }).map((i) => i.path),
    ).toEqual(['fileName']);
    expect(issues(partnerUploadRequestSchema, { ...ok, sizeBytes: 0 }).map((i) => i.path)).toEqual([
      'sizeBytes',
    ]);
  });

  it('accepts proof documents as PDF or images only', () => {
    const doc = { fileName: 'preuve.pdf', contentType: 'application/pdf', sizeBytes: 1000 };
    expect(issues(documentUploadRequestSchema, doc)).toEqual([]);
    expect(issues(documentUploadRequestSchema, { ...doc, contentType: 'text/html' })).toHaveLength(1);
  });
});

describe('formatIssues on a discriminated union', () => {
  it('lists the allowed collector types', () => {
    const result = issues(
      allocationConfirmationSchema,
      { status: 'DISTRIBUTED', voucherCode: voucher, collector: { type: 'X' } },
      'fr',
    );
    expect(result).toEqual([
      { path: 'collector.type', message: 'Option invalide : une valeur parmi "HOUSEHOLD"|"PROXY" attendue' },
    ]);
  });
});
