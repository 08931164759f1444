/**
 * Keys and object paths of partner uploads (see docs/DATA-MODEL.md). Nothing else spells them, so
 * the handlers, the workflow tasks and the tests agree by construction.
 */

/** Registry-table item of an upload: its status and progress counters. */
export const uploadPk = (uploadId: string): string => `UPLOAD#${uploadId}`;
export const uploadSk = 'UPLOAD';
/** One item per processed row, sorted by row number. */
export const rowSkPrefix = 'ROW#';
export const rowSk = (rowNumber: number): string => `${rowSkPrefix}${String(rowNumber).padStart(7, '0')}`;

/** Where partners put files (uploads bucket); the notification on this prefix starts bulk intake. */
export const UPLOADS_PREFIX = 'uploads/';
/** `uploads/<partnerId>/<uploadId>/<fileName>`: the key POST /uploads signs. */
export const uploadObjectKey = (partnerId: string, uploadId: string, fileName: string): string =>
  `${UPLOADS_PREFIX}${partnerId}/${uploadId}/${fileName}`;

/** Normalized rows and the Map's item list (reports bucket): personal data never enters the workflow. */
export const stagingPrefix = (uploadId: string): string => `work/${uploadId}/`;
export const stagingItemsKey = (uploadId: string): string => `${stagingPrefix(uploadId)}items.json`;
export const stagingChunkKey = (uploadId: string, chunk: number): string =>
  `${stagingPrefix(uploadId)}rows-${String(chunk).padStart(5, '0')}.json`;

/**
 * `reports/<partnerId>/<path under the partner's prefix>.results.csv` (reports bucket), where the
 * path is `<uploadId>/<fileName>` for files sent through POST /uploads.
 */
export const reportKeys = (partnerId: string, pathInPrefix: string) => ({
  results: `reports/${partnerId}/${pathInPrefix}.results.csv`,
  summary: `reports/${partnerId}/${pathInPrefix}.summary.json`,
});
