import { describe, expect, it } from 'vitest';
import {
  locateUpload,
  UploadOutsidePartnerPrefixError,
} from '../../../functions/bulk-intake/upload-location.ts';

const UPLOAD_ID = '01JD3Q4Z5X6Y7W8V9T0S1R2Q3P';

describe('locateUpload', () => {
  it('reads the partner, upload id and file name of a key POST /uploads signed', () => {
    expect(locateUpload(`uploads/FeDe/${UPLOAD_ID}/liste.csv`, 'v1')).toEqual({
      partnerId: 'FeDe',
      uploadId: UPLOAD_ID,
      fileName: 'liste.csv',
      pathInPrefix: `${UPLOAD_ID}/liste.csv`,
    });
  });

  it('derives a stable upload id for a file put elsewhere under the partner prefix', () => {
    const first = locateUpload('uploads/AMSS/semaine 48/liste.csv', 'v1');
    expect(first).toMatchObject({
      partnerId: 'AMSS',
      fileName: 'liste.csv',
      pathInPrefix: 'semaine 48/liste.csv',
    });
    expect(first.uploadId).toMatch(/^K[0-9A-F]{25}$/);
    expect(locateUpload('uploads/AMSS/semaine 48/liste.csv', 'v1').uploadId).toBe(first.uploadId);
    expect(locateUpload('uploads/AMSS/semaine 48/liste.csv', 'v2').uploadId).not.toBe(first.uploadId);
  });

  it('refuses an object outside any partner prefix', () => {
    for (const key of ['uploads/liste.csv', 'other/FeDe/x.csv', 'uploads/FeDe/', 'uploads/../x/y.csv'])
      expect(() => locateUpload(key, null), key).toThrow(UploadOutsidePartnerPrefixError);
  });
});
