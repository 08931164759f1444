import type { RowRecord, UploadRecord } from '../../../functions/adapters/uploads/records.ts';
import type { UploadObjects } from '../../../functions/adapters/uploads/upload-objects.ts';
import type { UploadStore } from '../../../functions/adapters/uploads/upload-store.ts';
import { COUNTER_OF } from '../../../functions/bulk-intake/row-outcome.ts';

/** S3 in memory: `bucket/key` → bytes. */
export function memoryObjects(initial: Record<string, Uint8Array | string> = {}) {
  const objects = new Map<string, Uint8Array>();
  const encode = (body: Uint8Array | string) =>
    typeof body === 'string' ? new TextEncoder().encode(body) : body;
  for (const [path, body] of Object.entries(initial)) objects.set(path, encode(body));
  const get = (bucket: string, key: string) => {
    const body = objects.get(`${bucket}/${key}`);
    if (!body) throw Object.assign(new Error(`NoSuchKey ${key}`), { name: 'NoSuchKey' });
    return body;
  };
  const port: UploadObjects = {
    head: async (bucket, key) => ({ size: get(bucket, key).length, contentType: 'text/csv' }),
    read: async (bucket, key) => get(bucket, key),
    readJson: async <T>(bucket: string, key: string) =>
      JSON.parse(new TextDecoder().decode(get(bucket, key))) as T,
    write: async (bucket, key, body) => {
      objects.set(`${bucket}/${key}`, encode(body));
    },
  };
  const text = (bucket: string, key: string) => new TextDecoder().decode(get(bucket, key));
  return { port, objects, text };
}

/** The upload store in memory, with the real store's conditions (create once, record a row once). */
export function memoryUploads() {
  const uploads = new Map<string, UploadRecord>();
  const rows = new Map<string, RowRecord[]>();
  const store: UploadStore = {
    async create(record) {
      if (uploads.has(record.uploadId)) return false;
      uploads.set(record.uploadId, { ...record });
      return true;
    },
    async get(uploadId) {
      const upload = uploads.get(uploadId);
      return upload ? { ...upload } : undefined;
    },
    async markChecked(uploadId, status, checked, at) {
      const upload = uploads.get(uploadId);
      if (!upload) throw new Error('missing upload');
      const defined = Object.fromEntries(Object.entries(checked).filter(([, value]) => value !== undefined));
      uploads.set(uploadId, {
        ...upload,
        ...defined,
        status,
        updatedAt: at,
        registered: upload.registered ?? 0,
        duplicate: upload.duplicate ?? 0,
        invalid: upload.invalid ?? 0,
      });
    },
    async recordRow(uploadId, rowNumber, outcome, at) {
      const list = rows.get(uploadId) ?? [];
      if (list.some((row) => row.rowNumber === rowNumber)) return false;
      list.push({ rowNumber, ...outcome });
      rows.set(uploadId, list);
      const upload = uploads.get(uploadId);
      if (upload) {
        const counter = COUNTER_OF[outcome.status];
        uploads.set(uploadId, { ...upload, [counter]: (upload[counter] ?? 0) + 1, updatedAt: at });
      }
      return true;
    },
    async listRows(uploadId) {
      return [...(rows.get(uploadId) ?? [])].sort((a, b) => a.rowNumber - b.rowNumber);
    },
    async finish(uploadId, status, report, at) {
      const upload = uploads.get(uploadId);
      if (!upload) throw new Error('missing upload');
      uploads.set(uploadId, { ...upload, status, ...report, updatedAt: at });
    },
  };
  return { store, uploads, rows };
}
