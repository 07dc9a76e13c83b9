// Every Next Plus sample payload is accepted, and each translation row posts what the
// default table says, in messages that pass the D365 spec.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures, realEvent, type FixtureName } from '../support/fixtures.js';
import { allDeliveries, allPostings, post, TEST_DAY, type Harness, type MakeHarness } from '../support/harness.js';
import { expectValidD365 } from '../support/spec-check.js';

export function fixtureCases(make: MakeHarness) {
  describe('Next Plus fixtures', () => {
    let h: Harness;
    beforeEach(async () => (h = await make()));
    afterEach(() => h.close());

    it.each(Object.keys(fixtures) as FixtureName[])('accepts %s as a test delivery', async (name) => {
      const res = await post(h, fixtures[name].path, fixtures[name].body);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { externalId: string };
      expect(body.externalId).toMatch(/^TEST-(DEV|ITM|OPR)-[0-9A-Z]{12}$/);
      const [d] = await allDeliveries(h);
      expect(d).toMatchObject({ outcome: 'test', status: 200, externalId: body.externalId });
      expect(JSON.parse(d!.rawBody!)).toEqual(fixtures[name].body);
      expect(await allPostings(h)).toEqual([]);
    });

    it('device add posts ProdProductionOrderStart for the ERP production order', async () => {
      const res = await post(h, '/nextplus/device', realEvent('device-add'));
      expect(res.status).toBe(200);
      expect(((await res.json()) as { externalId: string }).externalId).toMatch(/^DEV-[0-9A-Z]{12}$/);
      const [p] = await allPostings(h);
      expect(p).toMatchObject({ messageType: 'ProdProductionOrderStart', productionOrder: 'ERP-WO-123', state: 'delivered' });
      expect(JSON.parse(p!.content)).toEqual({ ProductionOrderNumber: 'ERP-WO-123', StartedQuantity: 1, StartedDate: TEST_DAY, AutomaticBOMConsumptionRule: 'FlushingPrincip' });
      expectValidD365(p!.messageType, JSON.parse(p!.content));
    });

    it('uses workorderNumber when the work order has no ERP id', async () => {
      await post(h, '/nextplus/device', realEvent('device-add', { workorderExternalId: null }));
      const [p] = await allPostings(h);
      expect(p!.productionOrder).toBe('WO-12345');
    });

    it('item-attach add posts one picking list line dated the plant day', async () => {
      await post(h, '/nextplus/item-attach', realEvent('item-attach-add'));
      const [p] = await allPostings(h);
      const content = JSON.parse(p!.content);
      expect(p!.messageType).toBe('ProdProductionOrderPickingList');
      expect(content).toEqual({
        ProductionOrderNumber: 'ERP-WO-123',
        PickingListLines: [{ ItemNumber: 'COMPONENT-SKU', ConsumptionBOMQuantity: 5, ConsumptionDate: '2026-03-04' }],
      });
      expectValidD365(p!.messageType, content);
    });

    it('operation add posts one route card line', async () => {
      await post(h, '/nextplus/operation', realEvent('operation-add', { validQty: 3, invalidQty: 1 }));
      const [p] = await allPostings(h);
      const content = JSON.parse(p!.content);
      expect(content).toEqual({
        ProductionOrderNumber: 'ERP-WO-123',
        RouteCardLines: [
          { OperationNumber: 10, OperationId: 'ASSY', OperationsResourceId: 'WC-123', GoodQuantity: 3, ErrorQuantity: 1, ConsumptionDate: '2026-03-04', BOMConsumption: 'No' },
        ],
      });
      expectValidD365(p!.messageType, content);
    });

    it('device update and remove are recorded without postings by default', async () => {
      const add = (await (await post(h, '/nextplus/device', realEvent('device-add'))).json()) as { externalId: string };
      const upd = await post(h, '/nextplus/device', realEvent('device-update', { externalId: add.externalId }));
      expect(await upd.json()).toEqual({ externalId: add.externalId });
      const rem = await post(h, '/nextplus/device', realEvent('device-remove', { externalId: add.externalId }));
      expect(rem.status).toBe(200);
      expect((await allPostings(h)).map((p) => p.messageType)).toEqual(['ProdProductionOrderStart']);
      const rows = await allDeliveries(h);
      const original = rows.find((d) => d.eventType === 'add')!;
      expect(rows.filter((d) => d.refersTo === original.id).map((d) => d.eventType).sort()).toEqual(['remove', 'update']);
    });

    it('keeps fields Next Plus adds that the bridge does not know', async () => {
      await post(h, '/nextplus/device', realEvent('device-add', { newField: { nested: true } }));
      const [d] = await allDeliveries(h);
      expect(JSON.parse(d!.event!).newField).toEqual({ nested: true });
    });

    it('accepts optional and nullable fields when absent or null', async () => {
      const body = realEvent('item-attach-add', { serial: null, externalId: null, workorderExternalId: null });
      delete body.workorderId;
      delete body.stockId;
      delete body.sessionId;
      body.item = { sku: 'SCREW', quantity: 2 };
      const res = await post(h, '/nextplus/item-attach', body);
      expect(res.status).toBe(200);
      const op = realEvent('operation-add', { serial: null, workorderExternalId: null, operationExternalId: null });
      delete op.actCode;
      delete op.workCenterCode;
      expect((await post(h, '/nextplus/operation', op)).status).toBe(200);
      const contents = (await allPostings(h)).map((p) => JSON.parse(p.content));
      expect(contents[1].RouteCardLines[0]).not.toHaveProperty('OperationId');
    });

    it('trims strings before they reach the ERP', async () => {
      await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { item: { sku: '  BOLT-7 ', quantity: 1 } }));
      const [p] = await allPostings(h);
      expect(JSON.parse(p!.content).PickingListLines[0].ItemNumber).toBe('BOLT-7');
    });
  });
}
