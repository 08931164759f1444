import type { RowOutcome } from '../../bulk-intake/row-outcome.ts';

/** Where an upload is in its life. */
export type UploadStatus = 'AWAITING_FILE' | 'PROCESSING' | 'COMPLETED' | 'REJECTED' | 'FAILED';

/** Why a whole file was refused (see functions/bulk-intake/rejections.ts). */
export interface UploadRejection {
  code: string;
  /** Header names only (never row content): unknown, missing or repeated columns. */
  headers?: { unknown: string[]; missing: string[]; duplicated: string[] } | undefined;
}

/** The upload item: identifiers, the file's shape and counters; never the file's content. */
export interface UploadRecord {
  uploadId: string;
  partnerId: string;
  fileName: string;
  objectKey: string;
  status: UploadStatus;
  createdAt: string;
  updatedAt: string;
  /** Set once the file is checked. */
  versionId?: string | undefined;
  rowsTotal?: number | undefined;
  firstRow?: number | undefined;
  encoding?: string | undefined;
  delimiter?: string | undefined;
  hxlRow?: boolean | undefined;
  rejection?: UploadRejection | undefined;
  registered?: number | undefined;
  duplicate?: number | undefined;
  invalid?: number | undefined;
  reportKey?: string | undefined;
  summaryKey?: string | undefined;
}

/** One processed row, as the report lists it. */
export interface RowRecord extends RowOutcome {
  rowNumber: number;
}
