import { createHash } from 'node:crypto';
import { UPLOADS_PREFIX } from '../adapters/uploads/keys.ts';

/** Where an uploaded object sits: the partner whose prefix holds it and the upload it belongs to. */
export interface UploadLocation {
  partnerId: string;
  uploadId: string;
  fileName: string;
  /** The key below `uploads/<partnerId>/`, reused for the report's key. */
  pathInPrefix: string;
}

/** An object under `uploads/` but outside any partner's prefix: there is no one to report to. */
export class UploadOutsidePartnerPrefixError extends Error {
  constructor() {
    super('The uploaded object is not under uploads/<partnerId>/');
    this.name = 'UploadOutsidePartnerPrefixError';
  }
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const PARTNER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Reads `uploads/<partnerId>/<uploadId>/<fileName>` (what POST /uploads signs). A file a partner
 * put with its own IAM role elsewhere under its prefix gets an upload id derived from the key and
 * version, so a repeated notification finds the same upload.
 */
export function locateUpload(key: string, version: string | null): UploadLocation {
  if (!key.startsWith(UPLOADS_PREFIX)) throw new UploadOutsidePartnerPrefixError();
  const [partnerId = '', ...rest] = key.slice(UPLOADS_PREFIX.length).split('/');
  if (!PARTNER_ID.test(partnerId) || rest.length === 0 || rest.at(-1) === '')
    throw new UploadOutsidePartnerPrefixError();
  const pathInPrefix = rest.join('/');
  const fileName = rest.at(-1) ?? '';
  if (rest.length === 2 && ULID.test(rest[0] ?? ''))
    return { partnerId, uploadId: rest[0]!, fileName, pathInPrefix };
  const digest = createHash('sha256')
    .update(`${key}\n${version ?? ''}`)
    .digest('hex')
    .toUpperCase();
  return { partnerId, uploadId: `K${digest.slice(0, 25)}`, fileName, pathInPrefix };
}
