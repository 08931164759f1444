import { CsvFileRejectedError, type CsvRejection } from '#domain/bulk/decode-csv.ts';
import { type BeneficiaryRow, readBeneficiaryCsv } from '#domain/bulk/read-beneficiary-csv.ts';
import type { Clock } from '#domain/ports/clock.ts';
import { stagingChunkKey, stagingItemsKey } from '../adapters/uploads/keys.ts';
import type { UploadRejection } from '../adapters/uploads/records.ts';
import type { UploadObjects } from '../adapters/uploads/upload-objects.ts';
import type { UploadStore } from '../adapters/uploads/upload-store.ts';
import { locateUpload } from './upload-location.ts';

/** Rows per staged chunk, and so per Map batch (the workflow's ItemBatcher reads it from the output). */
export const ROWS_PER_CHUNK = 25;

export interface FileCheckDeps {
  objects: UploadObjects;
  uploads: UploadStore;
  /** Where the staged rows and the Map's item list go (the reports bucket, under `work/`). */
  stagingBucket: string;
  maxBytes: number;
  clock: Clock;
}

/** Where the object is; `version` is the version id, or the ETag on an unversioned bucket. */
export interface FileCheckInput {
  bucket: string;
  key: string;
  version: string | null;
}

/** Identifiers and counts only: this goes into the execution history. */
export type FileCheckOutput =
  | {
      uploadId: string;
      partnerId: string;
      accepted: true;
      rowsTotal: number;
      itemsKey: string;
      rowsPerChunk: number;
    }
  | { uploadId: string; partnerId: string; accepted: false; rejection: string };

/** One Map item: the row's position (to find its chunk) and number. No cell of the row. */
export interface RowItem {
  i: number;
  row: number;
}

const CSV_REJECTION: Record<CsvRejection, UploadRejection['code']> = {
  EMPTY: 'FILE_EMPTY',
  NOT_TEXT: 'FILE_NOT_CSV',
  NO_DATA_ROWS: 'FILE_NO_DATA_ROWS',
  MALFORMED: 'FILE_NOT_CSV',
};

/**
 * Checks an uploaded partner file as a whole (size, CSV, encoding, known header) and stages its
 * rows for the Distributed Map: chunks of normalized rows, and an item list of row numbers, so
 * the Map's items and the execution history never hold a name or a phone number. A file refused
 * here is marked REJECTED with its reason and nothing from it is registered.
 */
export async function checkUploadedFile(
  deps: FileCheckDeps,
  input: FileCheckInput,
): Promise<FileCheckOutput> {
  const at = deps.clock.now().toISOString();
  const location = locateUpload(input.key, input.version);
  const { uploadId, partnerId } = location;
  await deps.uploads.create({
    uploadId,
    partnerId,
    fileName: location.fileName,
    objectKey: input.key,
    status: 'AWAITING_FILE',
    createdAt: at,
    updatedAt: at,
  });
  const versionId = input.version ?? undefined;
  const reject = async (rejection: UploadRejection): Promise<FileCheckOutput> => {
    await deps.uploads.markChecked(uploadId, 'REJECTED', { versionId, rejection }, at);
    return { uploadId, partnerId, accepted: false, rejection: rejection.code };
  };

  const { size } = await deps.objects.head(input.bucket, input.key);
  if (size === 0) return reject({ code: 'FILE_EMPTY' });
  if (size > deps.maxBytes) return reject({ code: 'FILE_TOO_LARGE' });

  let file: ReturnType<typeof readBeneficiaryCsv>;
  try {
    file = readBeneficiaryCsv(await deps.objects.read(input.bucket, input.key));
  } catch (error) {
    if (error instanceof CsvFileRejectedError) return reject({ code: CSV_REJECTION[error.reason] });
    throw error;
  }
  const { header } = file;
  if (!header.known) {
    return reject({
      code: 'HEADER_UNKNOWN',
      headers: {
        unknown: header.unknownHeaders,
        missing: header.missingRequired,
        duplicated: header.duplicated,
      },
    });
  }

  await stageRows(deps, uploadId, file.rows);
  await deps.uploads.markChecked(
    uploadId,
    'PROCESSING',
    {
      versionId,
      rowsTotal: file.rows.length,
      firstRow: file.rows[0]?.rowNumber,
      encoding: file.encoding,
      delimiter: file.delimiter,
      hxlRow: header.hasHxlRow,
    },
    at,
  );
  return {
    uploadId,
    partnerId,
    accepted: true,
    rowsTotal: file.rows.length,
    itemsKey: stagingItemsKey(uploadId),
    rowsPerChunk: ROWS_PER_CHUNK,
  };
}

async function stageRows(
  deps: FileCheckDeps,
  uploadId: string,
  rows: readonly BeneficiaryRow[],
): Promise<void> {
  const chunks: BeneficiaryRow[][] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK)
    chunks.push(rows.slice(start, start + ROWS_PER_CHUNK));
  // A few at a time: a 10,000-row file is 200 small objects.
  for (let start = 0; start < chunks.length; start += 16) {
    await Promise.all(
      chunks
        .slice(start, start + 16)
        .map((chunk, offset) =>
          deps.objects.write(
            deps.stagingBucket,
            stagingChunkKey(uploadId, start + offset),
            JSON.stringify(chunk),
            'application/json',
          ),
        ),
    );
  }
  const items: RowItem[] = rows.map((row, i) => ({ i, row: row.rowNumber }));
  await deps.objects.write(
    deps.stagingBucket,
    stagingItemsKey(uploadId),
    JSON.stringify(items),
    'application/json',
  );
}
