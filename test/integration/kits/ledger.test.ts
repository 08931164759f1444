import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { parse } from 'csv-parse/sync';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { ledgerInvariantHolds, reconcileByKitType } from '../../../functions/domain/stock/reconcile.ts';
import type { StockBalance, StockMovement } from '../../../functions/domain/stock/stock-movement.ts';
import { cloudClients } from '../cloud/cloud-clients.ts';
import { aSite, dueLines, kitsWorld, ROUND } from './kits-world.ts';

const world = kitsWorld();
const { dynamodb } = cloudClients(world.app.endpoints);
const lines = dueLines();

/** Every item of a site's stock partition: balances (KIT#) and movements (MOVE#). */
async function stockPartition(siteId: string) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: world.registry,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `STOCK#${siteId}` } },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  const movements = items
    .filter((item) => String(item['sk']).startsWith('MOVE#'))
    .map((item) => item as unknown as StockMovement);
  const balances = Object.fromEntries(
    items.filter((item) => String(item['sk']).startsWith('KIT#')).map((item) => [item['kitType'], item]),
  ) as Record<string, StockBalance>;
  return { movements, balances };
}

describe('stock ledger on the local runtime', () => {
  it('turns a physical count that differs into a reconciliation entry, never touching reservations', async () => {
    const site = aSite('COUNT');
    await world.receive(site, [
      { kitType: 'FOOD', quantity: 10 },
      ...lines.filter((line) => line.kitType !== 'FOOD'),
    ]);
    const householdId = await world.eligibleHousehold(site);
    await world.dispatch(householdId);
    await world.allocationWhen(householdId, (item) => typeof item['voucherCode'] === 'string');
    const food = lines.find((line) => line.kitType === 'FOOD')!.quantity;

    // Two FOOD kits are missing from the shelf; HYGIENE is as the ledger says.
    const counted = await world.api.call<{ kits: Record<string, number | string>[] }>(
      'POST',
      `/sites/${site}/stock/counts`,
      {
        role: 'supervisor',
        body: {
          countedAt: new Date().toISOString(),
          lines: [
            { kitType: 'FOOD', counted: 10 - 2 },
            { kitType: 'HYGIENE', counted: 1 },
          ],
        },
        headers: { 'idempotency-key': ulid() },
      },
    );
    expect(counted.status).toBe(201);
    expect(counted.body.kits).toEqual([
      { kitType: 'FOOD', expected: 10, counted: 8, adjustment: -2, reservedShortfall: 0 },
      { kitType: 'HYGIENE', expected: 1, counted: 1, adjustment: 0, reservedShortfall: 0 },
    ]);
    const stock = await world.stock(site);
    expect(stock['FOOD']).toMatchObject({ available: 10 - food - 2, reserved: food, adjusted: -2 });
    const { movements } = await stockPartition(site);
    expect(movements.filter((movement) => movement.type === 'COUNT_ADJUSTMENT')).toEqual([
      expect.objectContaining({ kitType: 'FOOD', quantity: -2 }),
    ]);
  });

  it('prints the distribution list as CSV with voucher codes, cells neutralized against formulas', async () => {
    const site = aSite('CSV');
    await world.receive(site, lines);
    const householdId = await world.eligibleHousehold(site, '=HYPERLINK("http://x")');
    await world.dispatch(householdId);
    const voucherCode = await world.voucherOf(site, householdId);
    const csv = await world.api.call('GET', `/sites/${site}/rounds/${ROUND}/distribution-list`, {
      role: 'intake',
      headers: { accept: 'text/csv' },
    });
    expect(csv.status).toBe(200);
    expect(csv.contentType).toContain('text/csv');
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ householdId, voucherCode, status: 'RESERVED' });
    expect(rows[0]!['headOfHousehold']).toBe(`'=HYPERLINK("http://x") Coulibaly`);
  });

  it('samples distributed allocations for verification and records the outcome', async () => {
    const site = aSite('VERIF');
    const households = 3;
    await world.receive(
      site,
      lines.map((line) => ({ ...line, quantity: line.quantity * households })),
    );
    const ids: string[] = [];
    for (let i = 0; i < households; i++) ids.push(await world.eligibleHousehold(site));
    for (const id of ids) await world.dispatch(id);
    for (const id of ids) {
      const voucherCode = await world.voucherOf(site, id);
      expect(
        (await world.confirm(id, { status: 'DISTRIBUTED', voucherCode, collector: { type: 'HOUSEHOLD' } }))
          .status,
      ).toBe(200);
    }
    const sample = await world.api.call<{ population: number; allocations: { allocationId: string }[] }>(
      'GET',
      `/sites/${site}/rounds/${ROUND}/verification-sample?size=2`,
      { role: 'supervisor' },
    );
    expect(sample.status).toBe(200);
    expect(sample.body.population).toBe(households);
    expect(sample.body.allocations).toHaveLength(2);
    const again = await world.api.call<typeof sample.body>(
      'GET',
      `/sites/${site}/rounds/${ROUND}/verification-sample?size=2`,
      {
        role: 'supervisor',
      },
    );
    expect(again.body.allocations).toEqual(sample.body.allocations);

    const [picked] = sample.body.allocations;
    const recorded = await world.api.call('POST', `/allocations/${picked!.allocationId}/verification`, {
      role: 'intake',
      body: {
        outcome: 'RECEIVED_WITH_ISSUES',
        issues: ['INCOMPLETE'],
        contactedAt: new Date().toISOString(),
      },
    });
    expect(recorded.status).toBe(200);
    const missingIssues = await world.api.call('POST', `/allocations/${picked!.allocationId}/verification`, {
      role: 'intake',
      body: { outcome: 'RECEIVED_WITH_ISSUES', contactedAt: new Date().toISOString() },
    });
    expect(missingIssues.status).toBe(400);
  });

  it('reconciles: receipts − issues − reserved − losses = available, for every site', async () => {
    const sites = new Set<string>();
    let start: Record<string, never> | undefined;
    do {
      const page = await dynamodb.send(
        new ScanCommand({
          TableName: world.registry,
          FilterExpression: 'begins_with(pk, :stock) AND begins_with(sk, :kit)',
          ExpressionAttributeValues: { ':stock': { S: 'STOCK#' }, ':kit': { S: 'KIT#' } },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) sites.add(String(unmarshall(item)['siteId']));
      start = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (start);
    expect(sites.size).toBeGreaterThan(0);
    for (const site of sites) {
      const { movements, balances } = await stockPartition(site);
      const folded = reconcileByKitType(movements.sort((a, b) => a.at.localeCompare(b.at)));
      for (const [kitType, balance] of Object.entries(balances)) {
        const stored = {
          available: balance.available,
          reserved: balance.reserved,
          distributed: balance.distributed,
          received: balance.received,
          lost: balance.lost,
          adjusted: balance.adjusted,
        };
        expect({ site, kitType, ...stored }).toEqual({ site, kitType, ...folded[kitType] });
        expect(ledgerInvariantHolds(stored)).toBe(true);
        expect(stored.available).toBeGreaterThanOrEqual(0);
      }
    }
  });
});
