import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { createAllocationStore } from '../../../functions/adapters/kits/allocation-store.ts';
import { allocationIdOf } from '../../../functions/adapters/kits/keys.ts';
import { createStockStore } from '../../../functions/adapters/kits/stock-store.ts';
import { reserveKits } from '../../../functions/allocations/reservation.ts';
import { systemClock } from '../../../functions/domain/ports/clock.ts';
import { aSite, kitsWorld, ROUND } from './kits-world.ts';

const world = kitsWorld();
const audit = world.app.tableNames.find((name) => name.includes('Audit'));
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: world.app.endpoints.dynamodb,
    region: world.app.endpoints.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  }),
  { marshallOptions: { removeUndefinedValues: true } },
);
const options = { client, registryTable: world.registry, auditTable: () => audit!, newId: ulid };
const stock = createStockStore(options);
const allocations = createAllocationStore(options);
const actor = { actor: 'it-concurrency', roles: ['workflow'], requestId: 'it-concurrency' };

const HOUSEHOLDS = 1000;
const KITS = 100;

/** 1,000 households reserve one FOOD kit each, all at once, against 100 kits at one site. */
async function race(site: string) {
  await stock.receive(
    {
      siteId: site,
      receiptId: ulid(),
      lines: [{ kitType: 'FOOD', quantity: KITS }],
      at: new Date().toISOString(),
    },
    {
      ...actor,
      action: 'stock.receipt',
      entityType: 'stock-receipt',
      entityId: ulid(),
    },
  );
  const woken: string[] = [];
  const deps = {
    stock,
    allocations,
    clock: systemClock,
    wake: async (token: string, output: { status: string }) => {
      woken.push(`${token}:${output.status}`);
      return true;
    },
  };
  const started = Date.now();
  const outcomes = await Promise.all(
    Array.from({ length: HOUSEHOLDS }, (_, index) => {
      const householdId = ulid();
      return reserveKits(
        deps,
        {
          allocationId: allocationIdOf(householdId, ROUND),
          householdId,
          round: ROUND,
          siteId: site,
          lines: [{ kitType: 'FOOD', quantity: 1 }],
          registeredAt: `2026-11-01T08:00:00.${String(index).padStart(3, '0')}Z`,
        },
        `token-${householdId}`,
        actor,
      );
    }),
  );
  return { outcomes, woken, ms: Date.now() - started };
}

describe('reservations under concurrency (DynamoDB Local)', () => {
  it('reserves exactly 100 of 1,000 parallel requests against 100 kits and waitlists 900, every time', async () => {
    for (let run = 0; run < 2; run++) {
      const site = aSite('RACE');
      const { outcomes, woken, ms } = await race(site);
      const stored = await allocations.listRound(site, ROUND);
      const count = (status: string) => stored.filter((allocation) => allocation.status === status).length;
      expect({
        run,
        reserved: count('RESERVED'),
        waitlisted: count('WAITLISTED'),
        total: stored.length,
      }).toEqual({
        run,
        reserved: KITS,
        waitlisted: HOUSEHOLDS - KITS,
        total: HOUSEHOLDS,
      });
      // Each call answered RESERVED or WAITLISTED; a waitlisted one may have been served by another's call.
      expect(
        outcomes.every((outcome) => outcome.status === 'RESERVED' || outcome.status === 'WAITLISTED'),
      ).toBe(true);
      expect((await allocations.waiting(site)).length).toBe(HOUSEHOLDS - KITS);
      expect((await stock.balances(site))['FOOD']).toMatchObject({
        available: 0,
        reserved: KITS,
        received: KITS,
      });
      // Every reserved allocation's workflow step is woken once; no waitlisted one is.
      expect(woken).toHaveLength(KITS);
      expect(new Set(woken).size).toBe(KITS);
      console.info(`concurrency run ${run}: ${HOUSEHOLDS} reservations in ${ms} ms`);
    }
  }, 300_000);
});
