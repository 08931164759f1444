import type { LowStockSettings } from '../stock/low-stock.ts';
import type { DistributionRound } from './entitlement.ts';

/** A round with the dates it is open for registration into it. */
export interface ScheduledRound extends DistributionRound {
  /** First day (inclusive), YYYY-MM-DD. */
  opensOn: string;
  /** Last day (inclusive), YYYY-MM-DD. */
  closesOn: string;
}

/** Distribution settings (config/distribution-settings.json). */
export interface DistributionSettings {
  version: string;
  /** Days a reservation waits for confirmation before it is released and the allocation EXPIRED. */
  confirmationTimeoutDays: number;
  /** Allocations sampled per site and round for post-distribution verification. */
  verificationSampleSize: number;
  rounds: readonly ScheduledRound[];
  /** Low-stock thresholds; absent, every site uses DEFAULT_LOW_STOCK_THRESHOLD. */
  lowStock?: LowStockSettings;
}

/** The round open on a date (the latest-opening one if rounds overlap), or undefined between rounds. */
export function currentRound(rounds: readonly ScheduledRound[], on: Date): ScheduledRound | undefined {
  const day = on.toISOString().slice(0, 10);
  return rounds
    .filter((round) => round.opensOn <= day && day <= round.closesOn)
    .sort((a, b) => b.opensOn.localeCompare(a.opensOn))[0];
}

/** Seconds of the confirmation timeout (a callback TimeoutSeconds). */
export const confirmationTimeoutSeconds = (
  settings: Pick<DistributionSettings, 'confirmationTimeoutDays'>,
): number => settings.confirmationTimeoutDays * 86_400;
