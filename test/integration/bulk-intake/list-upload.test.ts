import { describe, expect, inject, it } from 'vitest';
import { beneficiaryListCsv } from '../../fixtures/domain/beneficiary-csv.ts';
import { eventually } from '../cloud/cloud-clients.ts';
import type { BootedCloud } from '../global-setup.ts';
import { bulkApi } from './bulk-api.ts';

function appCloud(): BootedCloud {
  const app = inject('appCloud');
  if ('error' in app) throw new Error(`the local cloud did not start from infra/: ${app.error}`);
  return app;
}

const encoder = new TextEncoder();
const SETTLED = new Set(['ELIGIBLE', 'INELIGIBLE', 'PENDING_REVIEW', 'DUPLICATE', 'REGISTERED', 'FAILED']);

// A 1,000-row file starts 963 intake workflows on one machine: minutes, not seconds, on a loaded host.
const LONG = 30 * 60_000;

describe('bulk intake of a partner beneficiary list', () => {
  const app = appCloud();
  const api = bulkApi(app);
  const site = `BULK-${Date.now().toString(36)}`;
  const { csv, invalidRows } = beneficiaryListCsv(1000, 37, { site });
  const bytes = encoder.encode(csv);

  it(
    'registers the 963 valid rows and reports the 37 invalid ones with their reasons',
    async () => {
      const upload = await api.upload('FeDe', 'liste-semaine-48.csv', bytes);
      expect(upload.key).toBe(`uploads/FeDe/${upload.uploadId}/liste-semaine-48.csv`);
      const { last, seen } = await api.finished(upload.uploadId, 'FeDe', LONG);

      expect(last).toMatchObject({ status: 'COMPLETED', rowsTotal: 1000, done: 963, failed: 37, left: 0 });
      expect(last.reportKey).toBe(`reports/FeDe/${upload.uploadId}/liste-semaine-48.csv.results.csv`);
      // Progress moves only forward while the file is processed.
      const done = seen
        .filter((answer) => answer.rowsTotal !== null)
        .map((answer) => answer.done + answer.failed);
      expect(done).toEqual([...done].sort((a, b) => a - b));

      const [header, ...lines] = await api.report(last.reportKey!);
      expect(header).toEqual([
        'ligne / row',
        'statut / status',
        'ménage / household id',
        'champs / fields',
        'raisons (fr)',
        'reasons (en)',
      ]);
      expect(lines).toHaveLength(1000);
      const invalid = lines.filter((line) => line[1] === 'INVALID');
      expect(invalid).toHaveLength(37);
      for (const line of invalid) {
        const field = invalidRows.get(Number(line[0]));
        expect(field, `row ${line[0]} was not broken`).toBeDefined();
        expect(line[3]).toContain(field);
        expect(line[4]).not.toBe('');
        expect(line[5]).not.toBe('');
      }
      const registered = lines.filter((line) => line[1] === 'REGISTERED');
      expect(registered).toHaveLength(963);
      expect(new Set(registered.map((line) => line[2])).size).toBe(963);

      const households = await api.householdsAtSite(site);
      expect(households).toHaveLength(963);
      expect(new Set(households.map((h) => h.householdId))).toEqual(
        new Set(registered.map((line) => line[2])),
      );

      const summary = await api.summary(last.summaryKey!);
      expect(summary).toMatchObject({
        status: 'COMPLETED',
        rowsTotal: 1000,
        registered: 963,
        duplicate: 0,
        invalid: 37,
      });
    },
    LONG,
  );

  it(
    'registers nothing new when the same file is uploaded again',
    async () => {
      // The first upload's intake workflows claim each identity; wait until they all have.
      await eventually(async () => {
        const households = await api.householdsAtSite(site);
        return households.length === 963 && households.every((h) => SETTLED.has(h.status)) ? true : undefined;
      }, LONG);

      const upload = await api.upload('FeDe', 'liste-semaine-48.csv', bytes);
      const { last } = await api.finished(upload.uploadId, 'FeDe', LONG);
      expect(last).toMatchObject({
        status: 'COMPLETED',
        registered: 0,
        duplicate: 963,
        invalid: 37,
        left: 0,
      });
      const [, ...lines] = await api.report(last.reportKey!);
      expect(lines.filter((line) => line[1] === 'DUPLICATE')).toHaveLength(963);
      expect(await api.householdsAtSite(site)).toHaveLength(963);
    },
    2 * LONG,
  );
});
