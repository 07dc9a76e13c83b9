// Released in D365 -> one Next Plus work order, without a person and exactly once: under a
// duplicate event, an array, a crash between create and record, an expired token.
import { ConsoleClient, textOf } from '../support/console-client.js';
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

    it('status changes without NEXTPLUS_STATUS_UPDATES are recorded for a person, nothing sent', async () => {
      await sendBusinessEvents(h, businessEvent('released'));
      await h.dispatch();
      const calls = f.nextplus.requests.length;
      await sendBusinessEvents(h, [businessEvent('statusEnded'), businessEvent('statusChanged', { ProductionOrderStatus: 'Created' })]);
      await h.dispatch();
      expect(f.nextplus.requests).toHaveLength(calls);
      const records = (await created()).filter((p) => p.messageType === 'RecordStatus');
      expect(records.map((p) => [p.state, JSON.parse(p.content).status])).toEqual([
        ['delivered', 'ended'],
        ['delivered', 'withdrawn'],
      ]);
      const said = await Promise.all(records.map(async (p) => (await h.outbox.attemptsOf(p.id)).at(-1)!.response));
      expect(said[0]).toMatch('recorded: close work order P000123 in Next Plus by hand');
      expect(said[1]).toMatch('recorded: close or delete work order P000123 in Next Plus by hand — the order was reset or deleted in D365');
      // The order page says where the order stands in D365, and what a person must do.
      const ui = new ConsoleClient(h);
      await ui.login();
      const page = textOf((await ui.get('/console/order?id=P000123')).html);
      expect(page).toMatch(/Production order P000123 In D365: withdrawn in D365 \(reset to a status before Released, or deleted\)/);
      expect(page).toMatch(`To do by hand: close or delete work order P000123 in Next Plus by hand: the order was withdrawn in D365 (posting #${records[1]!.id} recorded it, nothing was sent).`);
      expect(page).not.toMatch('close work order P000123 in Next Plus by hand: D365 ended'); // moot: withdrawn since
    });

    it('NEXTPLUS_STATUS_UPDATES: the work order is looked up by number and PATCHed, through the outbox', async () => {
      await h.close();
      const updates = { ended: { closed: true }, withdrawn: { C_D365Status: 'withdrawn' } };
      h = await make({ env: f.d365.env({ ERP_TARGETS: 'journal', ORDER_SYNC: 'nextplus', ...f.nextplus.env({ NEXTPLUS_STATUS_UPDATES: JSON.stringify(updates) }), RETRY_BASE_MS: '1000' }), fetch: f.fetch });
      await sendBusinessEvents(h, businessEvent('released'));
      await h.dispatch();
      f.nextplus.outage = { status: 503 };
      await sendBusinessEvents(h, [businessEvent('statusChanged', { ProductionOrderStatus: 'Scheduled' }), businessEvent('statusEnded')]);
      await h.dispatch();
      const updatesOf = async () => (await created()).filter((p) => p.messageType === 'UpdateWorkorder');
      expect((await updatesOf()).map((p) => [p.state, p.attempts])).toEqual([['queued', 1], ['queued', 0]]); // retried; the lane keeps its order
      f.nextplus.outage = undefined;
      h.clock.advance(60_000);
      await h.dispatch();
      expect((await updatesOf()).map((p) => p.state)).toEqual(['delivered', 'delivered']);
      expect(f.nextplus.patches).toEqual([
        { workorderNumber: 'P000123', fields: { C_D365Status: 'withdrawn' } },
        { workorderNumber: 'P000123', fields: { closed: true } },
      ]);
      expect(f.nextplus.workordersNumbered('P000123')[0]).toMatchObject({ closed: true, C_D365Status: 'withdrawn' });
      // Started has no fields: recorded only.
      await sendBusinessEvents(h, businessEvent('statusChanged'));
      await h.dispatch();
      expect((await created()).at(-1)).toMatchObject({ messageType: 'RecordStatus', state: 'delivered' });
    });

    it('withdrawn, then released again under the same number: the work order is found, not made twice', async () => {
      await sendBusinessEvents(h, businessEvent('released'));
      await h.dispatch();
      h.clock.advance(1000);
      await sendBusinessEvents(h, businessEvent('statusChanged', { ProductionOrderStatus: 'Created' }));
      await h.dispatch();
      h.clock.advance(1000);
      await sendBusinessEvents(h, businessEvent('released'));
      await h.dispatch();
      expect(f.nextplus.workordersNumbered('P000123')).toHaveLength(1);
      expect(f.nextplus.creates).toBe(1);
      const creates = (await created()).filter((p) => p.messageType === 'CreateWorkorder');
      expect(creates.map((p) => p.state)).toEqual(['delivered', 'delivered']);
      expect(JSON.parse((await h.outbox.attemptsOf(creates[1]!.id)).at(-1)!.response!)).toMatchObject({ workorderNumber: 'P000123', existed: true });
    });

    it('NEXTPLUS_STATUS_UPDATES that is not a map of statuses to fields is refused in a sentence', async () => {
      await h.close();
      const bad = { cancelled: { closed: true }, ended: { id: 'x', closed: [1] } };
      await expect(make({ env: f.d365.env({ ORDER_SYNC: 'nextplus', ...f.nextplus.env({ NEXTPLUS_STATUS_UPDATES: JSON.stringify(bad) }) }), fetch: f.fetch })).rejects.toThrow(
        /NEXTPLUS_STATUS_UPDATES\.cancelled: is not a status the bridge knows; use started, ended, withdrawn.*NEXTPLUS_STATUS_UPDATES\.ended\.id: is not a work order field.*NEXTPLUS_STATUS_UPDATES\.ended\.closed: must be a text, a number, true, false or null/s,
      );
      h = await make({ env: f.d365.env({ ORDER_SYNC: 'nextplus', ...f.nextplus.env() }), fetch: f.fetch });
    });
  });
}
