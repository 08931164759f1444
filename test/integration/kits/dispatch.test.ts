import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { kitCatalog } from '../../../functions/allocations/kit-config.ts';
import { computeEntitlement } from '../../../functions/domain/kits/entitlement.ts';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { cloudClients } from '../cloud/cloud-clients.ts';
import { aSite, dueLines, kitsWorld, ROUND } from './kits-world.ts';

const world = kitsWorld();
const lines = dueLines();
const kitTypes = lines.map((line) => line.kitType).sort();
const quantity = (kitType: string) => lines.find((line) => line.kitType === kitType)?.quantity ?? 0;
/** Enough of every kit for `households` households. */
const stockFor = (households: number) =>
  lines.map((line) => ({ ...line, quantity: line.quantity * households }));

describe('kit dispatch on the local runtime', () => {
  it('takes an eligible household to DISTRIBUTED after a confirmation', async () => {
    const site = aSite('DIST');
    expect((await world.receive(site, stockFor(2))).status).toBe(201);
    const householdId = await world.eligibleHousehold(site);
    const executionArn = await world.dispatch(householdId);

    const reserved = await world.allocationWhen(
      householdId,
      (item) => typeof item['voucherCode'] === 'string',
    );
    expect(reserved).toMatchObject({ status: 'RESERVED', siteId: site, lines });
    const before = await world.stock(site);
    for (const kitType of kitTypes) {
      expect(before[kitType]).toMatchObject({
        available: quantity(kitType),
        reserved: quantity(kitType),
        distributed: 0,
      });
    }

    const voucherCode = await world.voucherOf(site, householdId);
    expect(voucherCode).toBe(reserved['voucherCode']);
    // The QR image the household shows: an SVG in the documents bucket.
    const { s3 } = cloudClients(world.app.endpoints);
    const documents = world.app.bucketNames.find((name) => name.toLowerCase().includes('documents'));
    const qr = await s3.send(
      new GetObjectCommand({ Bucket: documents, Key: String(reserved['voucherQrKey']) }),
    );
    expect(await qr.Body?.transformToString()).toContain('<svg');

    // A photo of the signed list, through a presigned PUT.
    const photo = Buffer.from('proof of distribution');
    const upload = await world.api.call<{ url: string; key: string; headers: Record<string, string> }>(
      'POST',
      '/documents/upload-url',
      {
        role: 'intake',
        body: { fileName: 'signed-list.jpg', contentType: 'image/jpeg', sizeBytes: photo.length },
      },
    );
    expect(upload.status).toBe(201);
    const put = await fetch(upload.body.url, {
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg' },
      body: photo,
    });
    expect(put.status).toBe(200);

    const confirmed = await world.confirm(householdId, {
      status: 'DISTRIBUTED',
      voucherCode: voucherCode.toLowerCase().replace('-', ' '),
      collector: { type: 'PROXY', name: 'Mariam Diallo', relationship: 'sister' },
      proofDocumentKey: upload.body.key,
    });
    expect(confirmed.status).toBe(200);

    const done = await world.ended(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '{}')).toMatchObject({ householdId, status: 'DISTRIBUTED' });
    expect(await world.allocation(householdId)).toMatchObject({
      status: 'DISTRIBUTED',
      issued: lines,
      released: [],
      collector: { type: 'PROXY', name: 'Mariam Diallo' },
      proofDocumentKey: upload.body.key,
    });
    const after = await world.stock(site);
    for (const kitType of kitTypes) {
      expect(after[kitType]).toMatchObject({
        available: quantity(kitType),
        reserved: 0,
        distributed: quantity(kitType),
      });
    }
    // The proxy's name and the voucher code live in the allocation item only, never in history.
    const { sfn } = cloudClients(world.app.endpoints);
    const history = JSON.stringify(
      await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 })),
    );
    expect(history).not.toContain('Mariam');
    expect(history).not.toContain(voucherCode);
    expect(history).not.toContain('Fatoumata');
  });

  it('issues only the confirmed kits of a partial confirmation and releases the rest', async () => {
    const site = aSite('PART');
    await world.receive(site, stockFor(1));
    const householdId = await world.eligibleHousehold(site);
    const executionArn = await world.dispatch(householdId);
    const voucherCode = await world.voucherOf(site, householdId);
    const [first] = lines;
    const answer = await world.confirm(householdId, {
      status: 'PARTIAL',
      voucherCode,
      kits: [{ kitType: first!.kitType, quantity: 1 }],
      collector: { type: 'HOUSEHOLD' },
    });
    expect(answer.status).toBe(200);
    expect((await world.ended(executionArn)).status).toBe('SUCCEEDED');
    const item = await world.allocation(householdId);
    expect(item).toMatchObject({ status: 'PARTIAL', issued: [{ kitType: first!.kitType, quantity: 1 }] });
    const after = await world.stock(site);
    for (const kitType of kitTypes) {
      const issued = kitType === first!.kitType ? 1 : 0;
      expect(after[kitType]).toMatchObject({
        reserved: 0,
        distributed: issued,
        available: quantity(kitType) - issued,
      });
    }
  });

  it('releases the reservation when no confirmation comes before the timeout', async () => {
    const site = aSite('TIME');
    await world.receive(site, stockFor(1));
    const householdId = await world.eligibleHousehold(site);
    const executionArn = await world.dispatch(householdId, 2);
    const done = await world.ended(executionArn, 40_000);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '{}')).toMatchObject({ status: 'EXPIRED' });
    expect(await world.allocation(householdId)).toMatchObject({
      status: 'EXPIRED',
      released: lines,
      issued: [],
    });
    const after = await world.stock(site);
    for (const kitType of kitTypes) {
      expect(after[kitType]).toMatchObject({ available: quantity(kitType), reserved: 0, distributed: 0 });
    }
    // The expired voucher can no longer be used.
    const voucherCode = String((await world.allocation(householdId))?.['voucherCode']);
    const late = await world.confirm(householdId, {
      status: 'DISTRIBUTED',
      voucherCode,
      collector: { type: 'HOUSEHOLD' },
    });
    expect(late.status).toBe(409);
  }, 60_000);

  it('waitlists a household at zero stock and serves the waitlist in registration order when stock arrives', async () => {
    const site = aSite('WAIT');
    const first = await world.eligibleHousehold(site);
    const second = await world.eligibleHousehold(site);
    const firstRun = await world.dispatch(first);
    const secondRun = await world.dispatch(second);
    await world.allocationWhen(first, (item) => item['status'] === 'WAITLISTED');
    await world.allocationWhen(second, (item) => item['status'] === 'WAITLISTED');

    // Enough for one household: the one registered first is served.
    const receipt = await world.receive(site, stockFor(1));
    expect(receipt.status).toBe(201);
    expect(receipt.body.servedFromWaitlist).toEqual([`${first}-2026-R2`]);
    await world.allocationWhen(first, (item) => typeof item['voucherCode'] === 'string');
    expect((await world.allocation(second))?.['status']).toBe('WAITLISTED');

    const voucherCode = await world.voucherOf(site, first);
    expect(
      (await world.confirm(first, { status: 'DISTRIBUTED', voucherCode, collector: { type: 'HOUSEHOLD' } }))
        .status,
    ).toBe(200);
    expect(JSON.parse((await world.ended(firstRun)).output ?? '{}')).toMatchObject({ status: 'DISTRIBUTED' });

    await world.receive(site, stockFor(1));
    const secondVoucher = await world.voucherOf(site, second);
    expect(
      (
        await world.confirm(second, {
          status: 'DISTRIBUTED',
          voucherCode: secondVoucher,
          collector: { type: 'HOUSEHOLD' },
        })
      ).status,
    ).toBe(200);
    expect(JSON.parse((await world.ended(secondRun)).output ?? '{}')).toMatchObject({
      status: 'DISTRIBUTED',
    });
  }, 60_000);

  it('refuses a confirmation with an unknown, mistyped or reused voucher', async () => {
    const site = aSite('VOUCH');
    await world.receive(site, stockFor(2));
    const householdId = await world.eligibleHousehold(site);
    const other = await world.eligibleHousehold(site);
    const executionArn = await world.dispatch(householdId);
    await world.dispatch(other);
    const voucherCode = await world.voucherOf(site, householdId);
    const otherVoucher = await world.voucherOf(site, other);

    const mistyped = await world.confirm(householdId, {
      status: 'DISTRIBUTED',
      voucherCode: 'AAAAA-AAAAAA',
      collector: { type: 'HOUSEHOLD' },
    });
    expect(mistyped.status).toBe(400);
    expect(JSON.stringify(mistyped.body)).toContain('voucherCode');

    const someoneElses = await world.confirm(householdId, {
      status: 'DISTRIBUTED',
      voucherCode: otherVoucher,
      collector: { type: 'HOUSEHOLD' },
    });
    expect(someoneElses.status).toBe(422);
    expect(someoneElses.body).toMatchObject({ error: { code: 'VOUCHER_UNKNOWN' } });

    const ok = await world.confirm(householdId, {
      status: 'DISTRIBUTED',
      voucherCode,
      collector: { type: 'HOUSEHOLD' },
    });
    expect(ok.status).toBe(200);
    const reused = await world.confirm(householdId, {
      status: 'DISTRIBUTED',
      voucherCode,
      collector: { type: 'HOUSEHOLD' },
    });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ error: { code: 'VOUCHER_ALREADY_USED' } });
    expect((await world.ended(executionArn)).status).toBe('SUCCEEDED');
    // Nothing was issued twice.
    const after = await world.stock(site);
    for (const kitType of kitTypes) expect(after[kitType]?.['distributed']).toBe(quantity(kitType));
  }, 60_000);
  it('serves a household registered through POST /households, from intake to DISTRIBUTED', async () => {
    const site = aSite('E2E');
    const command = aHouseholdCommand();
    // A name of its own, so the identity guard sees a new household on every run.
    const givenName = `Awa ${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
    const body = {
      ...command,
      headOfHousehold: { ...command.headOfHousehold, givenName },
      location: { ...command.location, site },
    };
    const due = computeEntitlement(body, { roundId: ROUND, rationDays: 30 }, kitCatalog());
    await world.receive(site, due);
    const registered = await world.api.call<{ householdId: string; executionArn: string }>(
      'POST',
      '/households',
      { role: 'intake', body },
    );
    expect(registered.status).toBe(202);
    const { householdId } = registered.body;
    // Intake decides ELIGIBLE and starts kit dispatch (named after the household, for the round open today).
    const reserved = await world.allocationWhen(
      householdId,
      (item) => typeof item['voucherCode'] === 'string',
      60_000,
    );
    expect(reserved).toMatchObject({ status: 'RESERVED', lines: due, siteId: site });
    const voucherCode = await world.voucherOf(site, householdId);
    expect(
      (
        await world.confirm(householdId, {
          status: 'DISTRIBUTED',
          voucherCode,
          collector: { type: 'HOUSEHOLD' },
        })
      ).status,
    ).toBe(200);
    await world.allocationWhen(householdId, (item) => item['status'] === 'DISTRIBUTED');
    const household = await world.api.call<{ allocations: { status: string; voucherCode?: string }[] }>(
      'GET',
      `/households/${householdId}`,
      {
        role: 'supervisor',
      },
    );
    expect(household.body.allocations).toEqual([expect.objectContaining({ status: 'DISTRIBUTED' })]);

    // Cost: Standard workflows bill each state entered. Intake (3) and kit dispatch (4) together
    // stay within 8 for a household served; their histories carry no name.
    const dispatchArn = `${world.kitDispatch.replace(':stateMachine:', ':execution:')}:${householdId}`;
    const { sfn } = cloudClients(world.app.endpoints);
    const statesEntered = async (executionArn: string) => {
      expect((await world.ended(executionArn)).status).toBe('SUCCEEDED');
      const { events = [] } = await sfn.send(
        new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }),
      );
      expect(JSON.stringify(events)).not.toContain(givenName);
      return events
        .filter((event) => event.type?.endsWith('StateEntered'))
        .map((event) => event.stateEnteredEventDetails?.name);
    };
    expect(await statesEntered(registered.body.executionArn)).toEqual([
      'Screen household',
      'Screening outcome',
      'Start kit dispatch',
    ]);
    expect(await statesEntered(dispatchArn)).toEqual([
      'Compute entitlement',
      'Kits due?',
      'Reserve kits',
      'Wait for confirmation',
    ]);
  }, 90_000);
});
