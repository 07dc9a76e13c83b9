// Released in D365 -> one Next Plus work order, without a person and exactly once: under a
// duplicate event, an array, a crash between create and record, an expired token.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allPostings, type Harness, type MakeHarness } from '../support/harness.js';
import { businessEvent, sendBusinessEvents } from '../support/d365-business-events.js';
import type { OrderSyncFakes, ServeOrderSync } from '../support/order-sync-fakes.js';

export function nextplusOrderCases(make: MakeHarness, serve: ServeOrderSync) {
  describe('order sync to Next Plus', () => {
    let f: OrderSyncFakes;
    let h: Harness;
    beforeEach(async () => {
      f = await serve();
      h = await make({ env: f.d365.env({ ERP_TARGETS: 'journal', ORDER_SYNC: 'nextplus', ...f.nextplus.env(), RETRY_BASE_MS: '1000' }), fetch: f.fetch });
    });
    afterEach(async () => {
      expect(f.nextplus.violations).toEqual([]);
      expect(f.odata.violations).toEqual([]);
      await h.close();
      await f.stop();
    });
    const created = async () => (await allPostings(h)).filter((p) => p.target === 'nextplus');

    it('a released order becomes one work order numbered as in D365, with its BOM as kit items', async () => {
      await sendBusinessEvents(h, businessEvent('released'));
      await h.dispatch();
      expect(f.nextplus.workorders).toEqual([
        expect.objectContaining({
          workorderNumber: 'P000123',
          sku: 'D0001',
          quantity: 10,
          source: 'd365',
          partDesc: 'Speaker',
          C_plannedStart: '2025-03-10T08:00:00Z',
          kitItems: [
            { sku: 'M0001', quantity: 10 },
            { sku: 'M0002', quantity: 20 },
            { sku: 'M0003', quantity: 10 },
          ],
        }),
      ]);
      const [posting] = await created();
      expect(posting).toMatchObject({ state: 'delivered', productionOrder: 'P000123', messageType: 'CreateWorkorder' });
      expect(f.nextplus.logins).toBe(1);
    });

    it('a second event for the order (or the same in an array) never makes a second work order', async () => {
      f.odata.orders.addOrder('P000124', { header: { ItemNumber: 'D0001', ScheduledQuantity: 5 } });
      await sendBusinessEvents(h, [businessEvent('released'), businessEvent('released', { ProductionOrderNumber: 'P000124' })]);
      await h.dispatch();
      await sendBusinessEvents(h, businessEvent('released'));
      await h.dispatch();
      expect(f.nextplus.workorders.map((w) => w.workorderNumber).sort()).toEqual(['P000123', 'P000124']);
      expect(f.nextplus.creates).toBe(2);
      expect((await created()).map((p) => p.state)).toEqual(['delivered', 'delivered', 'delivered']);
    });

    it('a crash between create and record: the retry finds the work order and creates none', async () => {
      f.nextplus.crashAfterCreate = 1;
      await sendBusinessEvents(h, businessEvent('released'));
      await h.dispatch();
      const [first] = await created();
      expect(first).toMatchObject({ state: 'queued', attempts: 1 });
      h.clock.advance(60_000);
      await h.dispatch();
      expect(f.nextplus.workordersNumbered('P000123')).toHaveLength(1);
      expect((await created())[0]).toMatchObject({ state: 'delivered' });
      expect(JSON.parse((await h.outbox.attemptsOf(first!.id)).at(-1)!.response!)).toMatchObject({ workorderNumber: 'P000123', existed: true });
    });

    it('an expired token: logs in again once and goes on', async () => {
      await sendBusinessEvents(h, businessEvent('released'));
      await h.dispatch();
      f.nextplus.expireTokens();
      f.odata.orders.addOrder('P000125');
      await sendBusinessEvents(h, businessEvent('released', { ProductionOrderNumber: 'P000125' }));
      await h.dispatch();
      expect(f.nextplus.logins).toBe(2);
      expect(f.nextplus.workorders).toHaveLength(2);
    });

    it('status changes are recorded, not sent: Next Plus offers no update', async () => {
      await sendBusinessEvents(h, businessEvent('statusEnded'));
      await h.dispatch();
      expect(await created()).toEqual([]);
      expect(f.nextplus.requests).toEqual([]);
    });
  });
}
