import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOW_STOCK_THRESHOLD,
  fellBelowThreshold,
  kitCount,
  kitsAvailable,
  lowStockThreshold,
} from '../../../../functions/domain/stock/low-stock.ts';
import { EMPTY_BALANCE } from '../../../../functions/domain/stock/stock-movement.ts';
import { loadDistributionSettings } from '../../../../functions/schemas/config/distribution-settings.ts';

const settings = { version: 'v', confirmationTimeoutDays: 14, verificationSampleSize: 30, rounds: [] };

describe('low stock', () => {
  it("takes a site's own threshold, else the settings' default, else the built-in one", () => {
    const lowStock = { defaultThreshold: 40, sites: { 'SITE-1': 5 } };
    expect(lowStockThreshold(lowStock, 'SITE-1')).toBe(5);
    expect(lowStockThreshold(lowStock, 'SITE-2')).toBe(40);
    expect(lowStockThreshold(undefined, 'SITE-2')).toBe(DEFAULT_LOW_STOCK_THRESHOLD);
  });

  it('counts kits available across kit types, leaving reserved ones out', () => {
    expect(
      kitsAvailable({
        FOOD: { ...EMPTY_BALANCE, available: 7, reserved: 100 },
        SOAP: { ...EMPTY_BALANCE, available: 5 },
      }),
    ).toBe(12);
    expect(
      kitCount([
        { kitType: 'FOOD', quantity: 2 },
        { kitType: 'SOAP', quantity: 6 },
      ]),
    ).toBe(8);
  });

  it('reports only the crossing below the threshold', () => {
    expect(fellBelowThreshold(20, { before: 20, after: 19 })).toBe(true);
    expect(fellBelowThreshold(20, { before: 25, after: 0 })).toBe(true);
    expect(fellBelowThreshold(20, { before: 19, after: 10 })).toBe(false);
    expect(fellBelowThreshold(20, { before: 30, after: 20 })).toBe(false);
    expect(fellBelowThreshold(20, { before: 10, after: 30 })).toBe(false);
  });

  it('reads thresholds from the distribution settings, refusing a negative or an unknown field', () => {
    const loaded = loadDistributionSettings({
      ...settings,
      lowStock: { defaultThreshold: 30, sites: { 'SITE-SEVARE-01': 60 } },
    });
    expect(lowStockThreshold(loaded.lowStock, 'SITE-SEVARE-01')).toBe(60);
    expect(loadDistributionSettings(settings).lowStock).toBeUndefined();
    expect(() => loadDistributionSettings({ ...settings, lowStock: { defaultThreshold: -1 } })).toThrow();
    expect(() =>
      loadDistributionSettings({ ...settings, lowStock: { defaultThreshold: 1, perKit: {} } }),
    ).toThrow();
  });
});
