import { describe, expect, it } from 'vitest';
import { fixedClock } from '#domain/ports/clock.ts';
import {
  checkUploadedFile,
  ROWS_PER_CHUNK,
  type RowItem,
} from '../../../functions/bulk-intake/file-check.ts';
import { beneficiaryListCsv } from '../../fixtures/domain/beneficiary-csv.ts';
import { memoryObjects, memoryUploads } from './fakes.ts';

const UPLOAD_ID = '01JD3Q4Z5X6Y7W8V9T0S1R2Q3P';
const KEY = `uploads/FeDe/${UPLOAD_ID}/liste.csv`;

function setup(body: Uint8Array | string, maxBytes = 1_000_000) {
  const objects = memoryObjects({ [`uploads-bucket/${KEY}`]: body });
  const uploads = memoryUploads();
  const deps = {
    objects: objects.port,
    uploads: uploads.store,
    stagingBucket: 'reports-bucket',
    maxBytes,
    clock: fixedClock(new Date('2026-11-26T10:00:00Z')),
  };
  const check = () => checkUploadedFile(deps, { bucket: 'uploads-bucket', key: KEY, version: 'v1' });
  return { objects, uploads, check };
}

describe('checkUploadedFile', () => {
  it('stages the rows in chunks and an item list of row numbers only', async () => {
    const { csv } = beneficiaryListCsv(60, 0);
    const { objects, uploads, check } = setup(csv);
    const output = await check();
    expect(output).toEqual({
      uploadId: UPLOAD_ID,
      partnerId: 'FeDe',
      accepted: true,
      rowsTotal: 60,
      itemsKey: `work/${UPLOAD_ID}/items.json`,
      rowsPerChunk: ROWS_PER_CHUNK,
    });
    const items = JSON.parse(objects.text('reports-bucket', `work/${UPLOAD_ID}/items.json`)) as RowItem[];
    expect(items).toHaveLength(60);
    expect(items[0]).toEqual({ i: 0, row: 3 });
    expect(Object.keys(items[0]!)).toEqual(['i', 'row']);
    const chunk = JSON.parse(objects.text('reports-bucket', `work/${UPLOAD_ID}/rows-00002.json`));
    expect(chunk).toHaveLength(60 - 2 * ROWS_PER_CHUNK);
    expect(uploads.uploads.get(UPLOAD_ID)).toMatchObject({
      status: 'PROCESSING',
      rowsTotal: 60,
      firstRow: 3,
      encoding: 'utf-8',
      delimiter: ',',
      hxlRow: true,
      versionId: 'v1',
      registered: 0,
    });
  });

  it('reads a Latin-1, semicolon-separated file without HXL row', async () => {
    const { csv } = beneficiaryListCsv(3, 0, { delimiter: ';', hxlRow: false });
    const latin1 = Uint8Array.from([...csv].map((char) => char.charCodeAt(0)));
    const { uploads, check } = setup(latin1);
    expect(await check()).toMatchObject({ accepted: true, rowsTotal: 3 });
    expect(uploads.uploads.get(UPLOAD_ID)).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      hxlRow: false,
      firstRow: 2,
    });
  });

  it.each([
    ['an empty file', '', 'FILE_EMPTY'],
    ['a binary file', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'FILE_NOT_CSV'],
    ['a header without data rows', beneficiaryListCsv(0, 0).csv, 'FILE_NO_DATA_ROWS'],
  ])('rejects %s as a whole', async (_label, body, code) => {
    const { objects, uploads, check } = setup(body);
    expect(await check()).toEqual({
      uploadId: UPLOAD_ID,
      partnerId: 'FeDe',
      accepted: false,
      rejection: code,
    });
    expect(uploads.uploads.get(UPLOAD_ID)).toMatchObject({ status: 'REJECTED', rejection: { code } });
    expect([...objects.objects.keys()].filter((key) => key.startsWith('reports-bucket/'))).toEqual([]);
  });

  it('rejects a file over the size limit without reading it', async () => {
    const { uploads, check } = setup(beneficiaryListCsv(5, 0).csv, 100);
    expect(await check()).toMatchObject({ accepted: false, rejection: 'FILE_TOO_LARGE' });
    expect(uploads.uploads.get(UPLOAD_ID)?.status).toBe('REJECTED');
  });

  it('rejects an unknown header, naming the unknown and missing columns', async () => {
    const csv = beneficiaryListCsv(2, 0, { hxlRow: false }).csv.replace('Taille du ménage', 'Nombre');
    const { uploads, check } = setup(csv);
    expect(await check()).toMatchObject({ accepted: false, rejection: 'HEADER_UNKNOWN' });
    expect(uploads.uploads.get(UPLOAD_ID)?.rejection).toEqual({
      code: 'HEADER_UNKNOWN',
      headers: { unknown: ['Nombre'], missing: ['Taille du ménage'], duplicated: [] },
    });
  });
});
