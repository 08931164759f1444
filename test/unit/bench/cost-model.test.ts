import { describe, expect, it } from 'vitest';
import {
  addUsage,
  costBreakdown,
  gbSeconds,
  NO_USAGE,
  PRICES,
  scaleUsage,
  totalCost,
} from '../../../bench/lib/cost-model.ts';

describe('cost model', () => {
  it('bills Lambda duration rounded up to the millisecond at the configured memory', () => {
    expect(gbSeconds(100.2, 1024)).toBeCloseTo(0.101, 10);
    expect(gbSeconds(1000, 512)).toBeCloseTo(0.5, 10);
  });

  it('prices 1,000 households of usage line by line', () => {
    const perHousehold = { ...NO_USAGE, stateTransitions: 10, httpApiRequests: 1, dynamoWriteUnits: 4 };
    const breakdown = costBreakdown(perHousehold);
    expect(breakdown.stateTransitions).toBeCloseTo(0.25, 10); // 10,000 transitions at $0.025 per 1,000
    expect(breakdown.httpApiRequests).toBeCloseTo(0.001, 10);
    expect(breakdown.dynamoWriteUnits).toBeCloseTo(0.0025, 10);
    expect(totalCost(perHousehold)).toBeCloseTo(0.2535, 10);
  });

  it('uses the list prices it states', () => {
    expect(PRICES.stateTransition * 1000).toBeCloseTo(0.025, 12);
    expect(PRICES.dynamoReadUnit * 1e6).toBeCloseTo(0.125, 12);
    expect(PRICES.kmsRequest * 10_000).toBeCloseTo(0.03, 12);
  });

  it('adds and scales usage field by field', () => {
    const sum = addUsage({ ...NO_USAGE, lambdaInvocations: 2 }, { lambdaInvocations: 3, s3Reads: 1 });
    expect(sum).toEqual({ ...NO_USAGE, lambdaInvocations: 5, s3Reads: 1 });
    expect(scaleUsage(sum, 0.5)).toEqual({ ...NO_USAGE, lambdaInvocations: 2.5, s3Reads: 0.5 });
    expect(totalCost(NO_USAGE)).toBe(0);
  });
});
