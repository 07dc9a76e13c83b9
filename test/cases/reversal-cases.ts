// remove reverses exactly what was posted, once; add, remove, add is three real events.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realEvent } from '../support/fixtures.js';
import { idOf, allDeliveries, allPostings, post, type Harness, type MakeHarness } from '../support/harness.js';
import { expectValidD365, expectValidPostings } from '../support/spec-check.js';


export function reversalCases(make: MakeHarness) {
  describe('remove and reversal', () => {
    let h: Harness;
    beforeEach(async () => (h = await make({ env: { DEDUPE_WINDOW_SECONDS: '60' } })));
    afterEach(() => h.close());

    it('item-attach remove posts the negated picking list line and links both ways', async () => {
      const addBody = realEvent('item-attach-add', { item: { sku: 'COMP', quantity: 4 } });
      const added = await idOf(await post(h, '/nextplus/item-attach', addBody));
      h.clock.advance(24 * 3600_000);
      const res = await post(h, '/nextplus/item-attach', realEvent('item-attach-remove', { item: { sku: 'COMP', quantity: 4, externalId: added } }));
      expect(res.status).toBe(200);
      const removed = await idOf(res);
      expect(removed).toMatch(/^ITM-/);
      expect(removed).not.toBe(added);
      const [original, reversal] = await allPostings(h);
      expect(reversal!.reversesPostingId).toBe(original!.id);
      const content = JSON.parse(reversal!.content);
      expect(content).toEqual({
        ProductionOrderNumber: 'ERP-WO-123',
        PickingListLines: [{ ItemNumber: 'COMP', ConsumptionBOMQuantity: -4, ConsumptionDate: '2026-03-05' }],
      });
      expectValidD365(reversal!.messageType, content);
      const rows = await allDeliveries(h);
      const addRow = rows.find((r) => r.externalId === added)!;
      expect(rows.find((r) => r.externalId === removed)!.refersTo).toBe(addRow.id);
    });

    it('operation remove reverses the route card', async () => {
      const added = await idOf(await post(h, '/nextplus/operation', realEvent('operation-add', { validQty: 2, invalidQty: 1 })));
      await post(h, '/nextplus/operation', realEvent('operation-remove', { externalId: added }));
      const [, reversal] = await allPostings(h);
      const line = JSON.parse(reversal!.content).RouteCardLines[0];
      expect(line).toMatchObject({ OperationNumber: 10, GoodQuantity: -2, ErrorQuantity: -1 });
    });

    it('a second remove of the same thing gets the same answer and posts nothing', async () => {
      const added = await idOf(await post(h, '/nextplus/operation', realEvent('operation-add')));
      const first = await idOf(await post(h, '/nextplus/operation', realEvent('operation-remove', { externalId: added })));
      h.clock.advance(3600_000); // past the body window: the ledger itself knows it was reversed
      const again = await post(h, '/nextplus/operation', realEvent('operation-remove', { externalId: added }));
      expect(again.status).toBe(200);
      expect(await idOf(again)).toBe(first);
      expect(await allPostings(h)).toHaveLength(2);
      expect((await allDeliveries(h))[0]!.outcome).toBe('duplicate');
    });

    it('concurrent removes of one event reverse it once', async () => {
      const added = await idOf(await post(h, '/nextplus/operation', realEvent('operation-add')));
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => post(h, '/nextplus/operation', realEvent('operation-remove', { externalId: added }))),
      );
      expect(new Set(await Promise.all(answers.map(idOf))).size).toBe(1);
      expect(await allPostings(h)).toHaveLength(2);
    });

    it('add, remove, add of the same serial is three real events', async () => {
      const body = realEvent('item-attach-add');
      const first = await idOf(await post(h, '/nextplus/item-attach', body));
      await post(h, '/nextplus/item-attach', { ...body, type: 'remove', item: { ...(body.item as object), externalId: first } });
      const third = await post(h, '/nextplus/item-attach', body);
      expect(await idOf(third)).not.toBe(first);
      const quantities = (await allPostings(h)).map((p) => JSON.parse(p.content).PickingListLines[0].ConsumptionBOMQuantity);
      expect(quantities).toEqual([5, -5, 5]);
    });

    it('device remove reverses the start when configured to', async () => {
      const rev = await make({ env: { TRANSLATION: JSON.stringify({ events: { 'device.remove': 'reverse' } }) } });
      try {
        const added = await idOf(await post(rev, '/nextplus/device', realEvent('device-add')));
        await post(rev, '/nextplus/device', realEvent('device-remove', { externalId: added }));
        const contents = (await allPostings(rev)).map((p) => JSON.parse(p.content));
        expect(contents.map((c) => c.StartedQuantity)).toEqual([1, -1]);
      } finally {
        await rev.close();
      }
    });

    it('a remove of an unknown device is recorded when device removes post nothing', async () => {
      const res = await post(h, '/nextplus/device', realEvent('device-remove', { externalId: 'DEV-FROMBEFORE1' }));
      expect(res.status).toBe(200);
      expect((await allDeliveries(h))[0]!.message).toMatch('nothing to reverse');
    });

    it('the last operation also reports the product as finished, and both reverse', async () => {
      const last = await make({ env: { TRANSLATION: JSON.stringify({ lastOperation: { positions: [90] } }) } });
      try {
        const added = await idOf(await post(last, '/nextplus/operation', realEvent('operation-add', { position: 90, validQty: 1, invalidQty: 0 })));
        await post(last, '/nextplus/operation', realEvent('operation-remove', { externalId: added }));
        const ps = await allPostings(last);
        expect(ps.map((p) => p.messageType)).toEqual([
          'ProdProductionOrderRouteCard',
          'ProdProductionOrderReportFinished',
          'ProdProductionOrderRouteCard',
          'ProdProductionOrderReportFinished',
        ]);
        expect(JSON.parse(ps[1]!.content).ReportFinishedLines[0]).toMatchObject({ ReportedGoodQuantity: 1, ProductSerialNumber: 'SN12345' });
        expect(JSON.parse(ps[3]!.content).ReportFinishedLines[0]).toMatchObject({ ReportedGoodQuantity: -1 });
        expectValidPostings(ps);
      } finally {
        await last.close();
      }
    });
  });
}
