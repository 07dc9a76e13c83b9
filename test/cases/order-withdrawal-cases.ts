// D365 has no Cancelled status: a released order is reset to a status before Released, or deleted
// (which publishes no event). The catch-up poll asks D365 about the orders the bridge released and
// records one gone or reset as withdrawn — once per release; an order released again syncs again
// (by its new event or by the poll), creating nothing twice. The polls' outbound calls count
// against ORDER_SYNC_POLL_BUDGET per run, and what is left goes on at the next run.
import { afterEach, describe, expect, it } from 'vitest';
import { allDeliveries, allPostings, type Harness, type MakeHarness, TEST_DAY } from '../support/harness.js';
import { businessEvent, sendBusinessEvents } from '../support/d365-business-events.js';
import type { OrderSyncFakes, ServeOrderSync } from '../support/order-sync-fakes.js';

const POLL_MS = 15 * 60_000;

export function orderWithdrawalCases(make: MakeHarness, serve: ServeOrderSync) {
  describe('order sync: orders reset or deleted in D365, and released again', () => {
    let f: OrderSyncFakes;
    let h: Harness;
    const start = async (env: Record<string, string> = {}) => {
      f = await serve();
      h = await make({ env: f.d365.env({ ERP_TARGETS: 'journal', ORDER_SYNC: 'vif', ...f.vif.env(), RETRY_BASE_MS: '1000', ...env }), fetch: f.fetch });
    };
    afterEach(async () => {
      expect(f.vif.violations).toEqual([]);
      expect(f.odata.violations).toEqual([]);
      await h.close();
      await f.stop();
    });
    const release = async (order = 'P000123') => {
      await sendBusinessEvents(h, businessEvent('released', { ProductionOrderNumber: order }));
      await h.dispatch();
    };
    /** The next catch-up poll (it runs every 15 minutes), and what it posted sent. */
    const nextPoll = async () => {
      h.clock.advance(POLL_MS);
      await h.dispatch();
      await h.dispatch();
    };
    const verbs = async () => (await allDeliveries(h)).filter((d) => d.source === 'd365' && d.outcome === 'accepted').map((d) => d.eventType);
    const count = (list: (string | null)[], verb: string) => list.filter((v) => v === verb).length;

    it('deleted: the poll withdraws it once (MO disabled); released again it syncs again; reset, it is withdrawn again', async () => {
      await start();
      await release();
      expect(f.vif.mo('P000123')).toBeDefined();
      f.odata.orders.removeOrder('P000123');
      await nextPoll();
      expect(f.vif.mo('P000123')).toBeUndefined();
      expect(count(await verbs(), 'withdrawn')).toBe(1);
      await nextPoll(); // still gone: nothing more
      expect(count(await verbs(), 'withdrawn')).toBe(1);
      expect(f.vif.deletes).toBe(1);

      f.odata.orders.addOrder('P000123'); // released again under the same number
      await release();
      expect(f.vif.mo('P000123')).toMatchObject({ state: 'AWAITING' });
      expect(f.vif.creates).toBe(2);
      await release(); // its event again: nothing twice
      expect(f.vif.creates).toBe(2);
      f.vif.start('P000123'); // the new MO's progress is polled back
      h.clock.advance(60_000);
      await h.dispatch();
      expect((await allDeliveries(h)).filter((d) => d.source === 'vif').map((d) => d.externalId && d.outcome)).toEqual(['accepted']);

      f.odata.orders.setStatus('P000123', 'Created'); // reset: its event lost
      await nextPoll();
      expect(count(await verbs(), 'withdrawn')).toBe(2);
      // Started on the floor: VIF can't delete it (R18), so the withdrawal is recorded, not sent.
      expect(f.vif.mo('P000123')).toMatchObject({ state: 'IN_PROGRESS' });
      expect(f.vif.deletes).toBe(1);
      const disable = (await allPostings(h)).filter((p) => p.messageType === 'DisableMo').at(-1)!;
      expect((await h.outbox.attemptsOf(disable.id)).at(-1)!.response).toMatch("recorded, not disabled: MO P000123 is IN_PROGRESS in VIF, and a started MO can't be deleted (R18)");
      // Few OData reads: one small request per poll asks about the synced orders (up to 20 at once).
      const sweeps = f.odata.requestsFor('ProductionOrderHeaders').filter((r) => (r.query.$filter ?? '').startsWith("dataAreaId eq 'usmf' and (ProductionOrderNumber eq 'P000123')"));
      expect(sweeps.length).toBeGreaterThanOrEqual(3);
      expect(sweeps.every((r) => r.query.$select === 'ProductionOrderNumber,ProductionOrderStatus')).toBe(true);
    });

    it('withdrawn by its event, then released again with no event: the catch-up poll syncs it again, once', async () => {
      await start();
      await release();
      h.clock.advance(1000);
      await sendBusinessEvents(h, businessEvent('statusChanged', { ProductionOrderStatus: 'Scheduled' }));
      await h.dispatch();
      expect(f.vif.mo('P000123')).toBeUndefined();
      f.odata.orders.updateOrder('P000123', { ProductionOrderStatus: 'Released', ReleasedDate: `${TEST_DAY}T12:00:00Z` });
      await nextPoll();
      expect(f.vif.mo('P000123')).toMatchObject({ state: 'AWAITING', itemCode: 'D0001' });
      await nextPoll(); // found again: the same made-up event, a duplicate
      expect(f.vif.creates).toBe(2);
      expect(count(await verbs(), 'released')).toBe(2);
      expect(count(await verbs(), 'withdrawn')).toBe(1);
    });

    it('ORDER_SYNC_POLL_BUDGET: a run polls as many MOs as its budget allows; the next run goes on', async () => {
      await start({ ORDER_SYNC_POLL_BUDGET: '5', ORDER_SYNC_POLL_MINUTES: '0' });
      const orders = ['P000301', 'P000302', 'P000303', 'P000304', 'P000305', 'P000306', 'P000307'];
      for (const order of orders) {
        f.odata.orders.addOrder(order);
        await release(order);
      }
      expect(f.vif.mos).toHaveLength(orders.length);
      const gets = () => f.vif.requests.filter((r) => r.method === 'GET').length;
      for (const order of orders) f.vif.start(order);
      h.clock.advance(60_000);
      let before = gets();
      await h.dispatch();
      expect(gets() - before).toBe(5);
      before = gets();
      await h.dispatch();
      expect(gets() - before).toBe(2);
      const started = (await allDeliveries(h)).filter((d) => d.source === 'vif');
      expect(started).toHaveLength(orders.length);
    });
  });
}
