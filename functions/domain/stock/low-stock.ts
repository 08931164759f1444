import type { KitLine } from '../kits/entitlement.ts';
import type { StockBalance } from './stock-movement.ts';

/**
 * Kits available at a site below which its stock is low, when the distribution settings name no
 * threshold: about a day of distribution at a small site, so a restock can still be called in.
 */
export const DEFAULT_LOW_STOCK_THRESHOLD = 20;

/** Low-stock thresholds (`lowStock` in config/distribution-settings.json), in kits available. */
export interface LowStockSettings {
  /** Threshold of every site not listed in `sites`. */
  defaultThreshold: number;
  /** Thresholds of particular sites, by site id. */
  sites?: Readonly<Record<string, number>>;
}

/** The threshold of a site: its own, else the settings' default, else DEFAULT_LOW_STOCK_THRESHOLD. */
export function lowStockThreshold(settings: LowStockSettings | undefined, siteId: string): number {
  return settings?.sites?.[siteId] ?? settings?.defaultThreshold ?? DEFAULT_LOW_STOCK_THRESHOLD;
}

/** Kits available at a site, all kit types together (reserved kits are promised, not left). */
export function kitsAvailable(balances: Readonly<Record<string, StockBalance>>): number {
  return Object.values(balances).reduce((total, balance) => total + balance.available, 0);
}

/** Kits in some lines, all kit types together. */
export function kitCount(lines: readonly KitLine[]): number {
  return lines.reduce((total, line) => total + line.quantity, 0);
}

/**
 * Whether a change crossed the threshold downwards: at or above it before, below it after. Only
 * the crossing counts, so a site that stays low is not reported again at each reservation.
 */
export function fellBelowThreshold(threshold: number, level: { before: number; after: number }): boolean {
  return level.before >= threshold && level.after < threshold;
}
