import { describe, expect, inject, it } from 'vitest';
import { beneficiaryListCsv } from '../../fixtures/domain/beneficiary-csv.ts';
import type { BootedCloud } from '../global-setup.ts';
import { bulkApi } from './bulk-api.ts';

function appCloud(): BootedCloud {
  const app = inject('appCloud');
  if ('error' in app) throw new Error(`the local cloud did not start from infra/: ${app.error}`);
  return app;
}

describe('bulk intake: files rejected as a whole', () => {
  const app = appCloud();
  const api = bulkApi(app);

  it('rejects a binary file with a report that says why, and registers nothing', async () => {
    const site = `BIN-${Date.now().toString(36)}`;
    // A ZIP header (what an .xlsx saved as .csv starts with), then NUL bytes.
    const bytes = new Uint8Array([
      0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00,
    ]);
    const upload = await api.upload('AMSS', 'beneficiaires.csv', bytes);
    const { last } = await api.finished(upload.uploadId, 'AMSS', 120_000);
    expect(last).toMatchObject({
      status: 'REJECTED',
      rowsTotal: null,
      done: 0,
      rejection: { code: 'FILE_NOT_CSV' },
    });
    const [, ...lines] = await api.report(last.reportKey!);
    expect(lines).toEqual([['', 'REJECTED', '', '', last.rejection!.fr, last.rejection!.en]]);
    expect(await api.summary(last.summaryKey!)).toMatchObject({
      status: 'REJECTED',
      rejection: { code: 'FILE_NOT_CSV' },
    });
    expect(await api.householdsAtSite(site)).toEqual([]);
  });

  it('rejects a file whose header is unknown, naming the columns at fault, and registers nothing', async () => {
    const site = `HDR-${Date.now().toString(36)}`;
    const { csv } = beneficiaryListCsv(5, 0, { site, hxlRow: false });
    const renamed = csv.replace('Taille du ménage', 'Nombre de personnes');
    const upload = await api.upload('AMSS', 'liste.csv', new TextEncoder().encode(renamed));
    const { last } = await api.finished(upload.uploadId, 'AMSS', 120_000);
    expect(last).toMatchObject({ status: 'REJECTED', rejection: { code: 'HEADER_UNKNOWN' } });
    expect(last.rejection!.en).toContain('Unknown columns: Nombre de personnes.');
    expect(last.rejection!.fr).toContain('Taille du ménage');
    expect(await api.householdsAtSite(site)).toEqual([]);
  });

  it('reads a Latin-1, semicolon-separated file without an HXL row', async () => {
    const site = `LAT-${Date.now().toString(36)}`;
    const { csv } = beneficiaryListCsv(6, 1, { site, hxlRow: false, delimiter: ';' });
    const latin1 = Uint8Array.from([...csv].map((char) => char.charCodeAt(0)));
    const upload = await api.upload('AMSS', 'liste-latin1.csv', latin1);
    const { last } = await api.finished(upload.uploadId, 'AMSS', 300_000);
    expect(last).toMatchObject({ status: 'COMPLETED', rowsTotal: 6, registered: 5, invalid: 1, left: 0 });
    expect(await api.summary(last.summaryKey!)).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      hxlRow: false,
    });
    expect(await api.householdsAtSite(site)).toHaveLength(5);
  }, 300_000);
});
