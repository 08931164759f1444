import * as z from 'zod';
import { addIssue } from './common.ts';
import { messageKey } from './messages.ts';

/** Largest partner CSV accepted (bytes). */
export const MAX_PARTNER_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Largest proof document accepted (bytes). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const fileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(120)
  // No slashes or leading dots: the key is built under the partner's own prefix and must stay there.
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, { error: messageKey('fileNameUnsafe') });

const sizeWithin = (max: number) =>
  z
    .int()
    .min(1)
    .superRefine((size, ctx) => {
      if (size > max) addIssue(ctx, [], 'fileTooLarge', { max });
    });

/** `POST /uploads` (partner): a presigned URL for a beneficiary list. */
export const partnerUploadRequestSchema = z
  .object({
    fileName: fileNameSchema,
    contentType: z.enum(['text/csv']),
    sizeBytes: sizeWithin(MAX_PARTNER_UPLOAD_BYTES),
  })
  .strict()
  .meta({ id: 'PartnerUploadRequest' });

/** `POST /documents/upload-url`: a presigned URL for a proof-of-distribution document. */
export const documentUploadRequestSchema = z
  .object({
    fileName: fileNameSchema,
    contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
    sizeBytes: sizeWithin(MAX_DOCUMENT_BYTES),
  })
  .strict()
  .meta({ id: 'DocumentUploadRequest' });

export type PartnerUploadRequest = z.infer<typeof partnerUploadRequestSchema>;
export type DocumentUploadRequest = z.infer<typeof documentUploadRequestSchema>;
