import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapCsvRow } from '../../../functions/domain/bulk/map-csv-row.ts';
import { readBeneficiaryCsv } from '../../../functions/domain/bulk/read-beneficiary-csv.ts';
import { identityFingerprint } from '../../../functions/domain/dedupe/identity-fingerprint.ts';
import { computeEntitlement } from '../../../functions/domain/kits/entitlement.ts';
import { generateVoucherCode, parseVoucherCode } from '../../../functions/domain/kits/voucher-code.ts';
import { mapKoboSubmission } from '../../../functions/domain/kobo/map-kobo-submission.ts';
import { parsePcodeCsv, pcodeLookupFrom } from '../../../functions/domain/pcodes/pcode-table.ts';
import { cryptoRandom } from '../../../functions/domain/ports/random.ts';
import { reconcile } from '../../../functions/domain/stock/reconcile.ts';
import { decideEligibility } from '../../../functions/domain/targeting/decide-eligibility.ts';
import { loadKitCatalog } from '../../../functions/schemas/config/kit-catalog.ts';
import { loadEligibilityRuleSet } from '../../../functions/schemas/config/rule-set.ts';
import { householdCommandSchemaWith } from '../../../functions/schemas/household.ts';
import { intakeAnswers, koboEnvelopeFromExample } from '../../fixtures/domain/kobo.ts';

const config = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../config/${name}`, import.meta.url), 'utf8'));
const pcodes = pcodeLookupFrom(
  parsePcodeCsv(readFileSync(new URL('../../../config/pcodes.csv', import.meta.url), 'utf8')),
);
const schema = householdCommandSchemaWith(pcodes);
const ruleSet = loadEligibilityRuleSet(config('eligibility-rules.v1.json'));
const catalog = loadKitCatalog(config('kit-catalog.json'));

describe('the domain pieces, end to end', () => {
  it('takes a Kobo submission to a decision, an entitlement that stock can reserve, and a voucher', () => {
    const household = schema.parse(
      mapKoboSubmission({ ...koboEnvelopeFromExample(), ...intakeAnswers() }).command,
    );
    const decision = decideEligibility(household, ruleSet, new Date('2026-03-15T00:00:00Z'));
    // rCSI 26 is phase 3; FCS 23 is borderline with a vulnerability score of 6.
    expect(decision.outcome).toBe('ELIGIBLE');
    expect(decision.reasons.map((reason) => reason.code)).toEqual([
      'RCSI_PHASE_3',
      'STRESSED_AND_VULNERABLE',
    ]);
    const lines = computeEntitlement(household, { roundId: '2026-R1', rationDays: 30 }, catalog);
    expect(lines).toEqual([
      { kitType: 'FOOD', quantity: 2 },
      { kitType: 'HYGIENE', quantity: 1 },
      { kitType: 'SOAP', quantity: 7 },
      { kitType: 'DIGNITY', quantity: 2 },
    ]);
    const at = '2026-03-15T10:00:00Z';
    const food = reconcile([
      { type: 'RECEIPT', kitType: 'FOOD', quantity: 100, at },
      { type: 'RESERVATION', kitType: 'FOOD', quantity: lines[0]!.quantity, at },
    ]);
    expect(food).toMatchObject({ available: 98, reserved: 2 });
    const voucher = generateVoucherCode(cryptoRandom);
    expect(parseVoucherCode(voucher)).toBe(voucher);
  });

  it('gives the same fingerprint to one household registered by Kobo and by a partner CSV', () => {
    const fromKobo = schema.parse(
      mapKoboSubmission({ ...koboEnvelopeFromExample(), ...intakeAnswers() }).command,
    );
    const template = readFileSync(
      new URL('../../../config/templates/beneficiary-list-template.csv', import.meta.url),
      'utf8',
    );
    const row = [
      'FATOUMATA',
      'Kulibali',
      'Femme',
      '1979',
      '',
      'ML05',
      'ML0501',
      '',
      'SITE-BANDIAGARA-02',
      '7',
      '2',
      '1',
      '1',
      '0',
      '2',
      'PDI',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '12',
      '',
      'oui',
    ];
    const file = readBeneficiaryCsv(new TextEncoder().encode(`${template}${row.join(',')}\n`));
    const fromCsv = schema.parse(mapCsvRow(file.rows[0]!.values));
    // Spelling, case and the region code (ML19 in Kobo, ML05 in the CSV) differ; the identity does not.
    expect(identityFingerprint(fromCsv)).toBe(identityFingerprint(fromKobo));
  });
});
