// Orders started once (D365_AUTO_START): before the first journal of an order the bridge has not
// started, one ProdProductionOrderStart, first in its lane, decided inside the commit. The fake
// D365 counts a journal on an order no Start reached as a violation.
import { describe, expect, it } from 'vitest';
import { realEvent } from '../support/fixtures.js';
import type { FakeD365, ServedFake } from '../support/fake-d365.js';
import { ADMIN_TEST_TOKEN, allDeliveries, allPostings, idOf, post, TEST_DAY, type Harness, type MakeHarness } from '../support/harness.js';
import { withFakeD365, type WithFakeD365 } from '../support/with-fake-d365.js';

const START = 'ProdProductionOrderStart';

export function autoStartCases(make: MakeHarness, serveFake: () => Promise<ServedFake>) {
  let d365: FakeD365;
  let h: Harness;
  let makeWith: WithFakeD365['makeWith'];
  withFakeD365(make, serveFake, () => ({ D365_AUTO_START: 'true' }), (t) => {
    ({ d365, h, makeWith } = t);
    d365.journalsNeedStart = true;
  });

  const attach = (b: Harness, order: string, sku: string) => post(b, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: order, item: { sku, quantity: 2 } }));
  const lane = async (b: Harness, order: string) => (await allPostings(b)).filter((p) => p.target === 'd365' && p.productionOrder === order).map((p) => p.messageType);

  describe('D365_AUTO_START', () => {
    it('starts a never-started order once, before its first journal, dated the day it happened', async () => {
      expect((await attach(h, 'PO-1', 'C1')).status).toBe(200);
      expect((await post(h, '/nextplus/operation', realEvent('operation-add', { workorderExternalId: 'PO-1' }))).status).toBe(200);
      expect(await lane(h, 'PO-1')).toEqual([START, 'ProdProductionOrderPickingList', 'ProdProductionOrderRouteCard']);
      await h.dispatch();
      expect(d365.received.map((r) => r.type)).toEqual([START, 'ProdProductionOrderPickingList', 'ProdProductionOrderRouteCard']);
      // No StartedQuantity: D365 starts the order's remaining quantity.
      expect(d365.received[0]!.content).toEqual({ ProductionOrderNumber: 'PO-1', StartedDate: TEST_DAY, AutomaticBOMConsumptionRule: 'FlushingPrincip' });
    });

    it('writes one Start for deliveries committed together, first in the lane', async () => {
      const answers = await Promise.all(['C1', 'C2', 'C3', 'C4'].map((sku) => attach(h, 'PO-2', sku)));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      const types = await lane(h, 'PO-2');
      expect(types.filter((t) => t === START)).toHaveLength(1);
      expect(types[0]).toBe(START);
      await h.dispatch();
      expect(d365.received.filter((r) => r.type === START)).toHaveLength(1);
    });

    it("counts a device add's own Start as started", async () => {
      await post(h, '/nextplus/device', realEvent('device-add', { workorderExternalId: 'PO-3' }));
      await attach(h, 'PO-3', 'C1');
      expect(await lane(h, 'PO-3')).toEqual([START, 'ProdProductionOrderPickingList']);
      expect(JSON.parse((await allPostings(h))[0]!.content)).toMatchObject({ StartedQuantity: 1 });
    });

    it('reversing a journal leaves its automatic Start alone: the order stays started', async () => {
      const item = await idOf(await attach(h, 'PO-4', 'C1'));
      await h.dispatch();
      await post(h, '/nextplus/item-attach', realEvent('item-attach-remove', { workorderExternalId: 'PO-4', item: { sku: 'C1', quantity: 2, externalId: item } }));
      await attach(h, 'PO-4', 'C2');
      expect(await lane(h, 'PO-4')).toEqual([START, 'ProdProductionOrderPickingList', 'ProdProductionOrderPickingList', 'ProdProductionOrderPickingList']);
      await h.dispatch();
      expect(d365.received.map((r) => r.type)).toEqual([START, 'ProdProductionOrderPickingList', 'ProdProductionOrderPickingList', 'ProdProductionOrderPickingList']);
    });

    it('a duplicate posted anyway adds no second Start', async () => {
      const body = realEvent('item-attach-add', { workorderExternalId: 'PO-6', item: { sku: 'C1', quantity: 1 } });
      await post(h, '/nextplus/item-attach', body);
      await post(h, '/nextplus/item-attach', body);
      const dup = (await allDeliveries(h)).find((d) => d.outcome === 'duplicate')!;
      const res = await h.request(`/admin/api/events/${dup.id}/post-anyway`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TEST_TOKEN}` } });
      expect(await res.json()).toEqual({ created: 1 });
      expect(await lane(h, 'PO-6')).toEqual([START, 'ProdProductionOrderPickingList', 'ProdProductionOrderPickingList']);
    });

    it('a Start taken back before it was sent does not count; an End in the lane does', async () => {
      const rules = { events: { 'device.remove': 'reverse', 'device.update': ['order-ended'] } };
      const b = await makeWith({ D365_AUTO_START: 'true', TRANSLATION: JSON.stringify(rules) });
      try {
        const added = await idOf(await post(b, '/nextplus/device', realEvent('device-add', { workorderExternalId: 'PO-T' })));
        await post(b, '/nextplus/device', realEvent('device-remove', { workorderExternalId: 'PO-T', externalId: added }));
        await attach(b, 'PO-T', 'C1');
        const states = (await allPostings(b)).filter((p) => p.productionOrder === 'PO-T').map((p) => [p.messageType, p.state]);
        expect(states).toEqual([
          [START, 'cancelled'],
          [START, 'cancelled'],
          [START, 'queued'],
          ['ProdProductionOrderPickingList', 'queued'],
        ]);
        // An order ended (here: by an update whose add the bridge never saw) is past started.
        await post(b, '/nextplus/device', realEvent('device-update', { workorderExternalId: 'PO-E', externalId: 'DEV-UNKNOWN1' }));
        await attach(b, 'PO-E', 'C1');
        expect(await lane(b, 'PO-E')).toEqual(['ProdProductionOrderEnd', 'ProdProductionOrderPickingList']);
      } finally {
        await b.close();
      }
    });

    it('D365_AUTO_START=false sends no Start', async () => {
      const off = await makeWith({ D365_AUTO_START: 'false' });
      try {
        d365.journalsNeedStart = false;
        await attach(off, 'PO-5', 'C1');
        expect(await lane(off, 'PO-5')).toEqual(['ProdProductionOrderPickingList']);
      } finally {
        await off.close();
      }
    });
  });
}
