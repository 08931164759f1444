import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  loadGbvSettings,
  loadServiceDirectory,
  partnersSchema,
} from '../../../../functions/schemas/config/gbv-config.ts';
import { loadKitCatalog } from '../../../../functions/schemas/config/kit-catalog.ts';
import { loadEligibilityRuleSet } from '../../../../functions/schemas/config/rule-set.ts';

const config = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../../config/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
const problems = (load: (doc: unknown) => unknown, doc: unknown) => {
  try {
    load(doc);
    return [];
  } catch (error) {
    return (error as { issues: { path: PropertyKey[] }[] }).issues.map((issue) => issue.path.join('.'));
  }
};

describe('shipped configuration', () => {
  it('loads every config file through its schema', () => {
    expect(loadEligibilityRuleSet(config('eligibility-rules.v1.json')).version).toBe('mopti-2026-v1');
    expect(loadKitCatalog(config('kit-catalog.json')).kits.map((kit) => kit.kitType)).toEqual([
      'FOOD',
      'HYGIENE',
      'SOAP',
      'DIGNITY',
    ]);
    expect(loadGbvSettings(config('gbv-settings.json')).urgentHealth.windowHours).toBe(72);
    expect(loadServiceDirectory(config('service-directory.json')).entries.length).toBeGreaterThan(0);
    expect(partnersSchema.parse(config('partners.json')).partners.map((p) => p.partnerId)).toEqual([
      'FeDe',
      'AMSS',
      'DeltaSurvie',
    ]);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: these tests reach into the document to break it on purpose.
type BreakableDocument = Record<string, any>;

describe('loadEligibilityRuleSet', () => {
  const rules = () => structuredClone(config('eligibility-rules.v1.json')) as BreakableDocument;

  it('refuses a rule on an unknown fact, naming where', () => {
    const doc = rules();
    doc['rules'][1].when = { fact: 'income', lt: 100 };
    expect(problems(loadEligibilityRuleSet, doc)).toEqual(['rules.1.when']);
  });

  it('refuses FCS thresholds in the wrong order and a fact test without comparison', () => {
    const doc = rules();
    doc['fcs'].thresholds = { poorMax: 42, borderlineMax: 28 };
    doc['vulnerability'][0].when = { fact: 'femaleHead' };
    expect(problems(loadEligibilityRuleSet, doc).sort()).toEqual(['fcs.thresholds', 'vulnerability.0.when']);
  });

  it('refuses a rule without its French or English message', () => {
    const doc = rules();
    delete doc['rules'][0].message.en;
    expect(problems(loadEligibilityRuleSet, doc)).toEqual(['rules.0.message.en']);
  });
});

describe('other config schemas', () => {
  it('refuses a kit catalog with a repeated kit type or a zero ration basis', () => {
    const catalog = structuredClone(config('kit-catalog.json')) as { kits: Record<string, unknown>[] };
    catalog.kits.push(structuredClone(catalog.kits[0]!));
    expect(problems(loadKitCatalog, catalog)).toEqual(['kits']);
    const zero = structuredClone(config('kit-catalog.json')) as {
      kits: { entitlement: Record<string, unknown> }[];
    };
    zero.kits[0]!.entitlement['personDaysPerKit'] = 0;
    expect(problems(loadKitCatalog, zero)).toEqual(['kits.0.entitlement.personDaysPerKit']);
  });

  it('refuses a service directory entry with an unknown service, and settings without a timeframe', () => {
    const directory = structuredClone(config('service-directory.json')) as {
      entries: Record<string, unknown>[];
    };
    directory.entries[0]!['services'] = ['MASSAGE'];
    expect(problems(loadServiceDirectory, directory)).toEqual(['entries.0.services.0']);
    const settings = structuredClone(config('gbv-settings.json')) as {
      responseTimeframes: Record<string, unknown>;
    };
    delete settings.responseTimeframes['LEGAL'];
    expect(problems(loadGbvSettings, settings)).toEqual(['responseTimeframes.LEGAL']);
  });
});
