// The read of a released order as durable work: the order-released event is answered at once;
// the dispatcher's send of the order reader reads D365 OData (same token as SendMessage) and its
// order-issued follow-up is posted in the same write; OData down is retried; an order back before
// Released, or gone after it was read once, is recorded as withdrawn; one OData never returned fails.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allPostings, type Harness, type MakeHarness } from '../support/harness.js';
import { businessEvent, sendBusinessEvents } from '../support/d365-business-events.js';
import type { OrderSyncFakes, ServeOrderSync } from '../support/order-sync-fakes.js';

export function orderReadCases(make: MakeHarness, serve: ServeOrderSync) {
  describe('order sync: the released order read from D365 OData', () => {
    let f: OrderSyncFakes;
    let h: Harness;
    beforeEach(async () => {
      f = await serve();
      h = await make({ env: f.d365.env({ ERP_TARGETS: 'journal,d365', ORDER_SYNC: 'nextplus', ...f.nextplus.env(), RETRY_BASE_MS: '1000' }), fetch: f.fetch });
    });
    afterEach(async () => {
      expect(f.d365.violations).toEqual([]);
      expect(f.odata.violations).toEqual([]);
      await h.close();
      await f.stop();
    });

    const issued = async () => (await allPostings(h)).filter((p) => p.messageType === 'order-issued').map((p) => JSON.parse(p.content));
    const reads = async () => (await allPostings(h)).filter((p) => p.target === 'd365-orders');

    it('reads header, BOM lines and route after the answer, and posts order-issued in the same write', async () => {
      expect((await sendBusinessEvents(h, businessEvent('released'))).status).toBe(200);
      expect(f.odata.requests).toEqual([]); // not inside the HTTP answer
      expect((await reads()).map((p) => p.state)).toEqual(['queued']);
      await h.dispatch();
      expect((await reads()).map((p) => p.state)).toEqual(['delivered']);
      const [order] = await issued();
      expect(order).toMatchObject({
        kind: 'order-issued',
        productionOrder: 'P000123',
        company: 'usmf',
        item: 'D0001',
        quantity: 10,
        name: 'Speaker',
        plannedStart: '2025-03-10T08:00:00Z',
        plannedEnd: '2025-03-10T11:30:00Z',
        bomLines: [{ item: 'M0001' }, { item: 'M0002' }, { item: 'M0003', operationNumber: 30 }],
      });
      expect(order.routeOperations.map((o: { operationNumber: number }) => o.operationNumber)).toEqual([10, 20, 30]);
      expect((await allPostings(h)).find((p) => p.messageType === 'order-issued')!.deliveryId).toBe((await reads())[0]!.deliveryId);
      expect(f.d365.tokenRequests).toBe(1);
    });

    it('OData down: retried with backoff, nothing lost, read once it is back', async () => {
      f.odata.outage = { status: 503 };
      await sendBusinessEvents(h, businessEvent('released'));
      await h.dispatch();
      const [read] = await reads();
      expect(read).toMatchObject({ state: 'queued', attempts: 1 });
      expect(read!.lastError).toMatch(/^HTTP 503: reading ProductionOrderHeaders/);
      expect(read!.lastError!.match(/HTTP 503/g)).toHaveLength(1);
      expect(await issued()).toEqual([]);
      f.odata.outage = undefined;
      h.clock.advance(60_000);
      await h.dispatch();
      expect((await reads()).map((p) => p.state)).toEqual(['delivered']);
      expect(await issued()).toHaveLength(1);
    });

    it('OData refusing the app (403) fails in a sentence naming the cause and the fix, the status said once', async () => {
      f.odata.outage = { status: 403 };
      await sendBusinessEvents(h, businessEvent('released'));
      await h.dispatch();
      const [read] = await reads();
      expect(read).toMatchObject({ state: 'failed' });
      expect(read!.lastError).toMatch(/^HTTP 403: D365 would not let the Entra ID app read ProductionOrderHeaders: the app's D365 user may not read the production order entities\. Grant that user a role that can \(System administration > Users\), then retry/);
      expect(read!.lastError!.match(/HTTP 403/g)).toHaveLength(1);
    });

    it('an order D365 no longer has after it was read, or has back before Released, is recorded as withdrawn: nothing to the MES, nothing held', async () => {
      await sendBusinessEvents(h, businessEvent('released'));
      await h.dispatch(); // read once: known to the bridge
      f.odata.orders.removeOrder('P000123');
      f.odata.orders.addOrder('P000124', { header: { ProductionOrderStatus: 'Scheduled' } });
      await sendBusinessEvents(h, [businessEvent('released', { EventId: 'again-123' }), businessEvent('released', { ProductionOrderNumber: 'P000124' })]);
      await h.dispatch();
      const read = (await reads()).slice(1);
      expect(read.map((p) => p.state)).toEqual(['delivered', 'delivered']);
      const said = await Promise.all(read.map(async (p) => (await h.outbox.attemptsOf(p.id)).at(-1)!.response));
      expect(said.sort()).toEqual([
        'recorded as withdrawn: production order P000123 is not in D365 (legal entity usmf) any more, so nothing goes to the MES. A new release of it syncs it again.',
        'recorded as withdrawn: production order P000124 is Scheduled in D365 (legal entity usmf), back before Released, so nothing goes to the MES. A new release of it syncs it again.',
      ]);
      expect(await issued()).toHaveLength(1);
      expect(f.nextplus.creates).toBe(1);
    });

    it('a released order OData never returned (wrong D365_COMPANY, an app without rights) fails for a person to see, naming the likely causes', async () => {
      f.odata.orders.removeOrder('P000123');
      await sendBusinessEvents(h, businessEvent('released'));
      await h.dispatch();
      const [read] = await reads();
      expect(read).toMatchObject({ state: 'failed' });
      expect(read!.lastError).toMatch('D365 OData returns no production order P000123 in legal entity usmf');
      expect(read!.lastError).toMatch(/D365_COMPANY .*ProductionOrderHeaders.*deleted/);
      expect(read!.lastError).toMatch('then retry this posting');
      expect(await issued()).toEqual([]);
      expect(f.nextplus.requests).toEqual([]);
    });
  });
}
