import { ulid } from 'ulid';
import { type Clock, systemClock } from '#domain/ports/clock.ts';
import { cryptoRandom, type RandomBytes } from '#domain/ports/random.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { requireEnv } from '#shared/env.ts';
import { type AllocationStore, createAllocationStore } from '../adapters/kits/allocation-store.ts';
import { createStockStore, type StockStore } from '../adapters/kits/stock-store.ts';
import { sendTaskSuccess, type Wake } from './workflow-wake.ts';

/** What kit-dispatch cores depend on; tests pass their own. */
export interface KitDeps {
  stock: StockStore;
  allocations: AllocationStore;
  wake: Wake;
  clock: Clock;
  random: RandomBytes;
  newId: () => string;
}

let cached: KitDeps | undefined;

/** The adapters over the module-scope client, built on first use (tests set the tables first). */
export function kitDeps(): KitDeps {
  if (cached) return cached;
  const options = {
    client: documentClient,
    registryTable: requireEnv('REGISTRY_TABLE'),
    auditTable: () => requireEnv('AUDIT_TABLE'),
    newId: ulid,
  };
  cached = {
    stock: createStockStore(options),
    allocations: createAllocationStore(options),
    wake: sendTaskSuccess,
    clock: systemClock,
    random: cryptoRandom,
    newId: ulid,
  };
  return cached;
}
