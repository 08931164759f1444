import type { UploadRecord } from '../adapters/uploads/records.ts';
import { rejectionMessages } from '../bulk-intake/rejections.ts';

/** What GET /uploads/{uploadId} answers: identifiers, counts and the report's keys. */
export interface UploadProgress {
  uploadId: string;
  partnerId: string;
  fileName: string;
  status: UploadRecord['status'];
  rowsTotal: number | null;
  /** Rows registered or found already registered. */
  done: number;
  /** Rows refused (INVALID). */
  failed: number;
  left: number | null;
  registered: number;
  duplicate: number;
  invalid: number;
  rejection: { code: string; fr: string; en: string } | null;
  reportKey: string | null;
  summaryKey: string | null;
  updatedAt: string;
}

export function uploadProgress(upload: UploadRecord): UploadProgress {
  const registered = upload.registered ?? 0;
  const duplicate = upload.duplicate ?? 0;
  const invalid = upload.invalid ?? 0;
  const total = upload.rowsTotal ?? null;
  return {
    uploadId: upload.uploadId,
    partnerId: upload.partnerId,
    fileName: upload.fileName,
    status: upload.status,
    rowsTotal: total,
    done: registered + duplicate,
    failed: invalid,
    left: total === null ? null : Math.max(0, total - registered - duplicate - invalid),
    registered,
    duplicate,
    invalid,
    rejection: upload.rejection
      ? { code: upload.rejection.code, ...rejectionMessages(upload.rejection) }
      : null,
    reportKey: upload.reportKey ?? null,
    summaryKey: upload.summaryKey ?? null,
    updatedAt: upload.updatedAt,
  };
}
