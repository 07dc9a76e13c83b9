// Released in D365 -> one VIF MO, exactly once. VIF answers a broken rule with a bodiless 400, so
// each rule the bridge can check is refused in words before sending (the fake counts a refusal
// of one of those as a violation); a 400 for a rule only VIF can check lists the likely rules.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ConsoleClient, textOf } from '../support/console-client.js';
import { ADMIN_TEST_TOKEN, allDeliveries, allPostings, TEST_DAY, type Harness, type MakeHarness } from '../support/harness.js';
import { businessEvent, sendBusinessEvents } from '../support/d365-business-events.js';
import type { OrderSyncFakes, ServeOrderSync } from '../support/order-sync-fakes.js';

export function vifOrderCases(make: MakeHarness, serve: ServeOrderSync) {
  describe('order sync to VIF', () => {
    let f: OrderSyncFakes;
    let h: Harness;
    beforeEach(async () => {
      f = await serve();
      h = await make({ env: f.d365.env({ ERP_TARGETS: 'journal', ORDER_SYNC: 'vif', ...f.vif.env(), RETRY_BASE_MS: '1000' }), fetch: f.fetch });
    });
    afterEach(async () => {
      expect(f.vif.violations).toEqual([]);
      expect(f.odata.violations).toEqual([]);
      await h.close();
      await f.stop();
    });
    const vifPostings = async () => (await allPostings(h)).filter((p) => p.target === 'vif');
    const release = async (order = 'P000123') => {
      await sendBusinessEvents(h, businessEvent('released', { ProductionOrderNumber: order }));
      await h.dispatch();
    };

    it('a released order becomes one MO numbered as in D365; a repeat sends nothing more', async () => {
      await release();
      expect(f.vif.mos).toEqual([
        expect.objectContaining({ moNb: 'P000123', companyCode: 'C01', establishmentCode: 'E01', lineCode: 'LINE1', itemCode: 'D0001', quantity: 10, unitCode: 'PCS', plannedBeginDateTime: '2025-03-10T08:00:00Z', state: 'AWAITING' }),
      ]);
      await release();
      expect(f.vif.creates).toBe(1);
      expect(f.vif.updates).toBe(0);
      const postings = await vifPostings();
      expect(postings.map((p) => [p.state, p.messageType, p.productionOrder])).toEqual([
        ['delivered', 'UpsertMo', 'P000123'],
        ['delivered', 'UpsertMo', 'P000123'],
      ]);
    });

    it('the MO is remembered as made in the MES: the order page lists it, next to the Next Plus work order with nextplus,vif', async () => {
      await h.close();
      h = await make({ env: f.d365.env({ ERP_TARGETS: 'journal', ORDER_SYNC: 'nextplus,vif', ...f.nextplus.env(), ...f.vif.env() }), fetch: f.fetch });
      await release();
      const ui = new ConsoleClient(h);
      await ui.login();
      const order = textOf((await ui.get('/console/order?id=P000123')).html);
      expect(order).toMatch(/Created in the MES .*nextplus: order P000123 \(id [^)]+\).* Postings/);
      expect(order).toMatch(/Created in the MES .*vif: order P000123 \(id P000123\).* Postings/);
      expect(order).not.toMatch('not created yet');
    });

    it('the line comes from VIF_LINES by the first operation\'s resource', async () => {
      await h.close();
      f.vif.catalog.lines.ASM = { cadencyUnit: 'PCS' };
      h = await make({ env: f.d365.env({ ERP_TARGETS: 'journal', ORDER_SYNC: 'vif', ...f.vif.env({ VIF_LINES: '{"ASM-CELL1":"ASM"}' }) }), fetch: f.fetch });
      await release();
      expect(f.vif.mo('P000123')).toMatchObject({ lineCode: 'ASM' });
    });

    it('each rule the bridge can check is refused in words, never sent, and holds the lane', async () => {
      const none = { ScheduledStartDate: '1900-01-01T12:00:00Z', ScheduledEndDate: '1900-01-01T12:00:00Z' };
      f.odata.orders.addOrder('P0000000000123'); // 14 characters: R1
      f.odata.orders.addOrder('P000200', { header: { ScheduledQuantity: 0 } }); // R6
      f.odata.orders.addOrder('P000201', { header: none, routeOperations: [{ OperationNumber: 10, ...none }] }); // R8: no date
      f.odata.orders.addOrder('P000202', { header: { ScheduledStartDate: '2025-03-12T12:00:00Z', ScheduledEndDate: '2025-03-11T12:00:00Z' } }); // R8: begin after end
      for (const order of ['P0000000000123', 'P000200', 'P000201', 'P000202']) await release(order);
      const failed = await vifPostings();
      expect(failed.map((p) => p.state)).toEqual(['failed', 'failed', 'failed', 'failed']);
      expect(failed[0]!.lastError).toMatch('R1: moNb "P0000000000123" must be 1 to 12 letters or digits (VIF\'s rule); it has 14 characters, so it needs a shorter number in VIF — edit moNb');
      expect(failed[1]!.lastError).toMatch('R6: quantity 0 must be greater than 0');
      expect(failed[2]!.lastError).toMatch('R8: a planned begin or end date-time is required');
      expect(failed[3]!.lastError).toMatch(/R8: plannedBeginDateTime .* must be before plannedEndDateTime/);
      expect(f.vif.requests).toEqual([]);

      // A later event on the same order waits behind the failed one.
      await sendBusinessEvents(h, businessEvent('statusEnded', { ProductionOrderNumber: 'P000200' }));
      await h.dispatch();
      expect((await vifPostings()).find((p) => p.messageType === 'DisableMo')).toMatchObject({ state: 'held' });
    });

    it("an operator's edit is checked against the rules; a good one is sent", async () => {
      f.odata.orders.addOrder('P000200', { header: { ScheduledQuantity: 0 } });
      await release('P000200');
      const [failed] = await vifPostings();
      const admin = { authorization: `Bearer ${ADMIN_TEST_TOKEN}`, 'x-actor': 'jane', 'content-type': 'application/json' };
      const put = (content: unknown) => h.request(`/admin/api/postings/${failed!.id}/content`, { method: 'PUT', headers: admin, body: JSON.stringify({ content }) });
      const sent = JSON.parse(failed!.content);
      const bad = await put({ ...sent, quantity: -1, seqNumberInDay: 0, state: 'DONE' });
      expect(bad.status).toBe(400);
      const message = ((await bad.json()) as { message: string }).message;
      expect(message).toMatch('R6: quantity -1 must be greater than 0');
      expect(message).toMatch('R13: seqNumberInDay 0 must be a positive whole number');
      expect(message).toMatch('R15: state "DONE" must be one of');
      expect((await put({ ...sent, quantity: 4 })).status).toBe(200);
      expect((await h.request(`/admin/api/postings/${failed!.id}/retry`, { method: 'POST', headers: admin })).status).toBe(200);
      await h.dispatch();
      expect(f.vif.mo('P000200')).toMatchObject({ quantity: 4 });
    });

    it('a bodiless 400 for a rule only VIF knows fails the posting, naming the likely rules', async () => {
      f.odata.orders.addOrder('P000300', { header: { ItemNumber: 'NOT-IN-VIF' } });
      await release('P000300');
      const [failed] = await vifPostings();
      expect(failed).toMatchObject({ state: 'failed' });
      expect(failed!.lastError).toMatch(/R2 .*R4 .*R7 /);
      expect(f.vif.refusals.map((r) => r.rule)).toEqual(['R4']);
    });

    it('D365 ending the order disables an MO still awaiting; a started one is recorded (R18), not deleted', async () => {
      f.odata.orders.addOrder('P000124');
      await release('P000123');
      await release('P000124');
      f.vif.start('P000124');
      await sendBusinessEvents(h, [businessEvent('statusEnded'), businessEvent('statusEnded', { ProductionOrderNumber: 'P000124', EventId: 'ended-124' })]);
      await h.dispatch();
      expect(f.vif.mo('P000123')).toBeUndefined();
      expect(f.vif.mo('P000124')).toMatchObject({ state: 'IN_PROGRESS' });
      expect(f.vif.deletes).toBe(1);
      const disables = (await vifPostings()).filter((p) => p.messageType === 'DisableMo');
      expect(disables.map((p) => p.state)).toEqual(['delivered', 'delivered']);
      expect(f.vif.refusals).toEqual([]);
    });

    it('an order reset in D365 to a status before Released is withdrawn: its awaiting MO is disabled', async () => {
      await release();
      await sendBusinessEvents(h, businessEvent('statusChanged', { ProductionOrderStatus: 'CostEstimated' }));
      await h.dispatch();
      expect(f.vif.mo('P000123')).toBeUndefined();
      expect(f.vif.deletes).toBe(1);
      const verbs = (await allDeliveries(h)).filter((d) => d.source === 'd365').map((d) => `${d.eventType}:${d.outcome}`);
      expect(verbs.sort()).toEqual(['released:accepted', 'withdrawn:accepted']);
      expect((await vifPostings()).at(-1)).toMatchObject({ messageType: 'DisableMo', state: 'delivered' });
    });

    it('progress is polled back: Start, ReportFinished for each produced quantity exactly once, End; then no more polls', async () => {
      await release();
      const erp = async () => (await allPostings(h)).filter((p) => p.target === 'journal' && p.messageType.startsWith('Prod')).map((p) => [p.messageType, JSON.parse(p.content)]);
      f.vif.start('P000123');
      f.vif.produce('P000123', 4);
      h.clock.advance(60_000);
      await h.dispatch();
      h.clock.advance(10_000);
      await h.dispatch(); // not due yet: nothing asked
      f.vif.produce('P000123', 3);
      h.clock.advance(60_000);
      await h.dispatch();
      h.clock.advance(60_000);
      await h.dispatch(); // nothing changed: nothing reported
      f.vif.finish('P000123');
      h.clock.advance(60_000);
      await h.dispatch();
      const gets = () => f.vif.requests.filter((r) => r.method === 'GET').length;
      const seen = gets();
      h.clock.advance(60_000);
      await h.dispatch(); // finished: polled no more
      expect(gets()).toBe(seen);
      expect(await erp()).toEqual([
        ['ProdProductionOrderStart', expect.objectContaining({ ProductionOrderNumber: 'P000123', StartedQuantity: 10 })],
        ['ProdProductionOrderReportFinished', expect.objectContaining({ ReportFinishedLines: [expect.objectContaining({ ReportedGoodQuantity: 4, ItemNumber: 'D0001' })] })],
        ['ProdProductionOrderReportFinished', expect.objectContaining({ ReportFinishedLines: [expect.objectContaining({ ReportedGoodQuantity: 3, ItemNumber: 'D0001' })] })],
        ['ProdProductionOrderEnd', expect.objectContaining({ ProductionOrderNumber: 'P000123' })],
      ]);
      const progress = (await allDeliveries(h)).filter((d) => d.source === 'vif');
      expect(progress.map((d) => d.eventType).sort()).toEqual(['finished', 'produced', 'produced', 'started']);
    });

    it('a change seen again after a crash before it was noted is a duplicate, never a second report', async () => {
      await release();
      f.vif.start('P000123');
      f.vif.produce('P000123', 4);
      h.clock.advance(60_000);
      await h.dispatch();
      // As if the process stopped after recording the delivery and before noting it in vif_mos.
      await h.db.run(sql`UPDATE vif_mos SET quantity_done = 0, pending_done = 4, state = 'AWAITING', polled_at = 0`);
      f.vif.produce('P000123', 2);
      h.clock.advance(60_000);
      await h.dispatch();
      const finished = (await allPostings(h)).filter((p) => p.target === 'journal' && p.messageType === 'ProdProductionOrderReportFinished');
      expect(finished.map((p) => JSON.parse(p.content).ReportFinishedLines[0])).toEqual([
        expect.objectContaining({ ReportedGoodQuantity: 4, ItemNumber: 'D0001' }),
        expect.objectContaining({ ReportedGoodQuantity: 2, ItemNumber: 'D0001' }),
      ]);
      expect((await allPostings(h)).filter((p) => p.messageType === 'ProdProductionOrderStart')).toHaveLength(1);
    });

    it('the catch-up poll creates an order whose event was lost, once, and again never', async () => {
      f.odata.orders.addOrder('P000500', { header: { ReleasedDate: `${TEST_DAY}T12:00:00Z` } });
      await h.dispatch(); // polls OData, records the made-up released event
      await h.dispatch();
      expect(f.vif.mo('P000500')).toMatchObject({ itemCode: 'D0001', quantity: 10 });
      const caughtUp = (await allDeliveries(h)).filter((d) => d.source === 'd365');
      expect(caughtUp).toEqual([expect.objectContaining({ productionOrder: 'P000500', outcome: 'accepted' })]);
      h.clock.advance(10 * 60_000);
      await h.dispatch(); // not due yet
      h.clock.advance(10 * 60_000);
      await h.dispatch(); // due: finds it again, a duplicate
      await release('P000500'); // its real event arrives late: the MO is already as wanted
      await h.dispatch();
      expect(f.vif.creates).toBe(1);
      expect(f.vif.updates).toBe(0);
      expect((await allDeliveries(h)).filter((d) => d.source === 'd365').map((d) => d.outcome).sort()).toEqual(['accepted', 'accepted', 'duplicate']);
      const polls = f.odata.requests.filter((r) => r.path.endsWith('/ProductionOrderHeaders') && (r.query.$filter ?? '').includes('ReleasedDate ge'));
      expect(polls).toHaveLength(2);
    });

    it('the catch-up poll with OData down asks again a minute later, and then syncs the order', async () => {
      f.odata.orders.addOrder('P000500', { header: { ReleasedDate: `${TEST_DAY}T12:00:00Z` } });
      f.odata.outage = { status: 503 };
      await h.dispatch();
      await h.dispatch(); // within the minute: not asked again
      const polls = () => f.odata.requests.filter((r) => (r.query.$filter ?? '').includes('ReleasedDate ge')).length;
      expect(polls()).toBe(1);
      expect(f.vif.mos).toEqual([]);
      f.odata.outage = undefined;
      h.clock.advance(60_000);
      await h.dispatch();
      await h.dispatch();
      expect(polls()).toBe(2);
      expect(f.vif.mo('P000500')).toBeDefined();
    });
  });
}
