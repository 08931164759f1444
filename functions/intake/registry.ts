import { systemClock } from '#domain/ports/clock.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { requireEnv } from '#shared/env.ts';
import { createDecisionStore } from '../adapters/registry/decision-store.ts';
import { createHouseholdStore } from '../adapters/registry/household-store.ts';
import { createHouseholdViewReader } from '../adapters/registry/household-view-store.ts';
import { createReviewStore } from '../adapters/registry/review-store.ts';

/**
 * The registry adapters over the module-scope client, built on first use so the table name is read
 * at run time (tests set REGISTRY_TABLE before calling a handler).
 */
export function registry() {
  cached ??= build(requireEnv('REGISTRY_TABLE'));
  return cached;
}

let cached: ReturnType<typeof build> | undefined;

function build(tableName: string) {
  return {
    households: createHouseholdStore(documentClient, tableName),
    decisions: createDecisionStore(documentClient, tableName),
    reviews: createReviewStore(documentClient, tableName),
    readHousehold: createHouseholdViewReader(documentClient, tableName),
    clock: systemClock,
  };
}
