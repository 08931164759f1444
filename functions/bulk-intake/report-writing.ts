import type { Clock } from '#domain/ports/clock.ts';
import { reportKeys, UPLOADS_PREFIX } from '../adapters/uploads/keys.ts';
import type { UploadStatus } from '../adapters/uploads/records.ts';
import type { UploadObjects } from '../adapters/uploads/upload-objects.ts';
import type { UploadStore } from '../adapters/uploads/upload-store.ts';
import { rejectionMessages } from './rejections.ts';
import { type ReportCounts, resultsReport } from './results-report.ts';

export interface ReportWritingDeps {
  objects: UploadObjects;
  uploads: UploadStore;
  reportsBucket: string;
  clock: Clock;
}

/** The upload the report is for does not exist: the workflow was started for something else. */
export class UploadMissingError extends Error {
  constructor(readonly uploadId: string) {
    super(`Upload ${uploadId} does not exist`);
    this.name = 'UploadMissingError';
  }
}

export type ReportOutput = {
  uploadId: string;
  status: UploadStatus;
  reportKey: string;
  summaryKey: string;
} & ReportCounts;

/**
 * Writes `reports/<partnerId>/<file>.results.csv` and the summary JSON beside it, then closes the
 * upload: COMPLETED, REJECTED (the file as a whole), or FAILED when the Map gave up beyond its
 * tolerated failures (the report then lists the rows it did not reach). Safe to run again.
 */
export async function writeResultsReport(
  deps: ReportWritingDeps,
  input: { uploadId: string; mapFailed: boolean },
): Promise<ReportOutput> {
  const upload = await deps.uploads.get(input.uploadId);
  if (!upload) throw new UploadMissingError(input.uploadId);
  const rows = upload.rejection ? [] : await deps.uploads.listRows(upload.uploadId);
  const { csv, counts } = resultsReport(upload, rows);
  const status: UploadStatus = upload.rejection ? 'REJECTED' : input.mapFailed ? 'FAILED' : 'COMPLETED';
  const keys = reportKeys(
    upload.partnerId,
    upload.objectKey.slice(`${UPLOADS_PREFIX}${upload.partnerId}/`.length),
  );
  const at = deps.clock.now().toISOString();
  const summary = {
    uploadId: upload.uploadId,
    partnerId: upload.partnerId,
    fileName: upload.fileName,
    objectKey: upload.objectKey,
    versionId: upload.versionId ?? null,
    status,
    ...counts,
    encoding: upload.encoding ?? null,
    delimiter: upload.delimiter ?? null,
    hxlRow: upload.hxlRow ?? null,
    rejection: upload.rejection
      ? { code: upload.rejection.code, ...rejectionMessages(upload.rejection) }
      : null,
    resultsKey: keys.results,
    completedAt: at,
  };
  // UTF-8 with BOM: Excel opens it with the accents right.
  await deps.objects.write(deps.reportsBucket, keys.results, `\uFEFF${csv}`, 'text/csv; charset=utf-8');
  await deps.objects.write(
    deps.reportsBucket,
    keys.summary,
    JSON.stringify(summary, null, 2),
    'application/json',
  );
  await deps.uploads.finish(
    upload.uploadId,
    status,
    { reportKey: keys.results, summaryKey: keys.summary },
    at,
  );
  return { uploadId: upload.uploadId, status, reportKey: keys.results, summaryKey: keys.summary, ...counts };
}
