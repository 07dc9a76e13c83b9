// A Next Plus remove whose externalId is null ("string or null" in Next Plus's documentation)
// takes back the add it is about, found by its work order, serial, item or position; refused in
// words, and recorded, only when no add matches.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realEvent } from '../support/fixtures.js';
import { allDeliveries, allPostings, expectRefused, idOf, post, type Harness, type MakeHarness } from '../support/harness.js';

export function removeBySubjectCases(make: MakeHarness) {
  describe('remove with externalId null', () => {
    let h: Harness;
    beforeEach(async () => (h = await make({ env: { TRANSLATION: JSON.stringify({ events: { 'device.remove': 'reverse' } }) } })));
    afterEach(() => h.close());

    const reversals = async () => (await allPostings(h)).filter((p) => p.reversesPostingId !== null).map((p) => JSON.parse(p.content));

    it('a device remove takes back the add of its serial', async () => {
      await post(h, '/nextplus/device', realEvent('device-add', { serial: 'SN-A' }));
      const b = await idOf(await post(h, '/nextplus/device', realEvent('device-add', { serial: 'SN-B' })));
      await post(h, '/nextplus/device', realEvent('device-add', { serial: 'SN-C', workorderNumber: 'WO-OTHER' }));
      const res = await post(h, '/nextplus/device', realEvent('device-remove', { serial: 'SN-B', externalId: null, workorderExternalId: 'ERP-WO-123' }));
      expect(res.status).toBe(200);
      expect(await reversals()).toEqual([{ ProductionOrderNumber: 'ERP-WO-123', StartedQuantity: -1, StartedDate: '2026-03-04', AutomaticBOMConsumptionRule: 'FlushingPrincip' }]);
      const rows = await allDeliveries(h);
      const added = rows.find((r) => r.externalId === b)!;
      expect(rows.find((r) => r.eventType === 'remove')!.refersTo).toBe(added.id);
    });

    it('an item remove takes back the attach of that item, newest first, each once', async () => {
      const attach = (sku: string, quantity: number) => post(h, '/nextplus/item-attach', realEvent('item-attach-add', { item: { sku, quantity } }));
      await attach('COMP-A', 1);
      await attach('COMP-B', 2);
      h.clock.advance(1000);
      await attach('COMP-B', 3);
      const remove = () => post(h, '/nextplus/item-attach', realEvent('item-attach-remove', { item: { sku: 'COMP-B', quantity: 1, externalId: null } }));
      expect((await remove()).status).toBe(200);
      h.clock.advance(1000);
      expect((await remove()).status).toBe(200);
      const lines = (await reversals()).map((c) => c.PickingListLines[0]);
      expect(lines.map((l: { ItemNumber: string; ConsumptionBOMQuantity: number }) => [l.ItemNumber, l.ConsumptionBOMQuantity])).toEqual([
        ['COMP-B', -3],
        ['COMP-B', -2],
      ]);
      // Both attaches of COMP-B are taken back now: a third remove finds nothing, and says what it looked for.
      h.clock.advance(1000);
      await expectRefused(await remove(), 422, 'has no item.externalId', 'no Item Attach add of COMP-B under serial SN12345 on work order WO-12345', 'Nothing was posted');
    });

    it('an operation remove takes back the report at its position', async () => {
      await post(h, '/nextplus/operation', realEvent('operation-add', { position: 10, validQty: 1 }));
      await post(h, '/nextplus/operation', realEvent('operation-add', { position: 20, validQty: 4, actCode: 'TEST' }));
      const res = await post(h, '/nextplus/operation', realEvent('operation-remove', { position: 20, actCode: 'TEST', externalId: null }));
      expect(res.status).toBe(200);
      expect((await reversals()).map((c) => c.RouteCardLines[0])).toEqual([expect.objectContaining({ OperationNumber: 20, GoodQuantity: -4 })]);
    });

    it('nothing matching is refused in words, and recorded', async () => {
      await post(h, '/nextplus/operation', realEvent('operation-add', { position: 10 }));
      const res = await post(h, '/nextplus/operation', realEvent('operation-remove', { position: 30, actCode: null, externalId: null }));
      await expectRefused(res, 422, 'Operation remove has no externalId', 'no Operation add at position 30 on serial SN12345 of work order WO-12345', 'Nothing was posted');
      const [latest] = await allDeliveries(h);
      expect(latest).toMatchObject({ outcome: 'rejected', status: 422, eventType: 'remove' });
      expect(await reversals()).toEqual([]);
    });
  });
}
