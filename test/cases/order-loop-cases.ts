// The loop closes: a production order released in D365 becomes a Next Plus work order, and the
// shop floor's reports on that work order come back to the same D365 order, on the right route
// operation, with report-as-finished on the route's last one — though Next Plus sends no
// workorderExternalId. The fake D365 checks every message against its field tables.
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleClient, textOf } from '../support/console-client.js';
import { realEvent } from '../support/fixtures.js';
import { allDeliveries, post, type Harness, type MakeHarness } from '../support/harness.js';
import { businessEvent, sendBusinessEvents } from '../support/d365-business-events.js';
import type { OrderSyncFakes, ServeOrderSync } from '../support/order-sync-fakes.js';

/** An operation report from Next Plus on the work order the bridge made for P000123. */
const report = (position: number, extra: Record<string, unknown> = {}) =>
  realEvent('operation-add', { workorderNumber: 'P000123', workorderExternalId: null, operationExternalId: null, serial: `SN-${position}`, position, ...extra });

export function orderLoopCases(make: MakeHarness, serve: ServeOrderSync) {
  describe('the loop closes: Next Plus reports on a synced order reach its D365 order', () => {
    let f: OrderSyncFakes;
    let h: Harness;
    const start = async (env: Record<string, string> = {}) => {
      f = await serve();
      h = await make({ env: f.d365.env({ ORDER_SYNC: 'nextplus', ...f.nextplus.env(), ...env }), fetch: f.fetch });
      await sendBusinessEvents(h, businessEvent('released'));
      await h.dispatch();
      expect(f.nextplus.workordersNumbered('P000123')).toHaveLength(1);
    };
    afterEach(async () => {
      expect(f.d365.violations).toEqual([]);
      expect(f.nextplus.violations).toEqual([]);
      await h.close();
      await f.stop();
    });
    const reported = async (body: Record<string, unknown>) => {
      const res = await post(h, '/nextplus/operation', body);
      expect(res.status).toBe(200);
      await h.dispatch();
    };
    const sent = () => f.d365.received.map((r) => ({ type: r.type, order: r.order, op: (r.content.RouteCardLines as { OperationNumber: number }[] | undefined)?.[0]?.OperationNumber }));

    it('positions name the route operations (by number, else the Nth); the last one reports finished', async () => {
      await start();
      await reported(report(1)); // the 1st operation: 10
      await reported(report(20)); // an operation number of the route
      await reported(report(3, { validQty: 1 })); // the 3rd and last: 30
      expect(sent()).toEqual([
        { type: 'ProdProductionOrderRouteCard', order: 'P000123', op: 10 },
        { type: 'ProdProductionOrderRouteCard', order: 'P000123', op: 20 },
        { type: 'ProdProductionOrderRouteCard', order: 'P000123', op: 30 },
        { type: 'ProdProductionOrderReportFinished', order: 'P000123', op: undefined },
      ]);
      // D365's own words for the operation, from the route it gave.
      expect(f.d365.received[0]!.content.RouteCardLines).toEqual([expect.objectContaining({ OperationId: 'Assembly', OperationsResourceId: 'ASM-CELL1' })]);
    });

    it('maps by the work order the bridge made, even where the rules want a workorderExternalId', async () => {
      await start({ TRANSLATION: JSON.stringify({ productionOrderNumber: 'workorderExternalId' }) });
      await reported(report(30));
      expect(sent()).toEqual([
        { type: 'ProdProductionOrderRouteCard', order: 'P000123', op: 30 },
        { type: 'ProdProductionOrderReportFinished', order: 'P000123', op: undefined },
      ]);
    });

    it('a configured lastOperation still wins over the route', async () => {
      await start({ TRANSLATION: JSON.stringify({ lastOperation: { positions: [20] } }) });
      await reported(report(30));
      await reported(report(20));
      expect(sent().map((s) => `${s.type}:${s.op ?? ''}`)).toEqual(['ProdProductionOrderRouteCard:30', 'ProdProductionOrderRouteCard:20', 'ProdProductionOrderReportFinished:']);
    });

    it('a work order the bridge did not make is posted as before, by the rules', async () => {
      await start();
      await reported(report(3, { workorderNumber: 'P000999' }));
      expect(sent()).toEqual([{ type: 'ProdProductionOrderRouteCard', order: 'P000999', op: 3 }]);
    });

    it('a duplicate posted anyway from the console maps like the original', async () => {
      await start();
      const body = report(2);
      await reported(body);
      expect((await post(h, '/nextplus/operation', body)).status).toBe(200);
      const dup = (await allDeliveries(h)).find((e) => e.outcome === 'duplicate')!;
      const ui = new ConsoleClient(h);
      await ui.login();
      expect((await ui.act(`/console/events/${dup.id}/post-anyway`)).status).toBe(303);
      await h.dispatch();
      expect(sent()).toEqual([
        { type: 'ProdProductionOrderRouteCard', order: 'P000123', op: 20 },
        { type: 'ProdProductionOrderRouteCard', order: 'P000123', op: 20 },
      ]);
    });

    it('console: each event says which way it went; the order page shows both directions', async () => {
      await start();
      await reported(report(3));
      const ui = new ConsoleClient(h);
      await ui.login();
      const list = (await ui.get('/console/events')).html;
      expect(list.match(/data-direction="erp-to-mes"/g)).toHaveLength(1);
      expect(list.match(/data-direction="mes-to-erp"/g)).toHaveLength(1);
      const deliveries = await allDeliveries(h);
      const released = deliveries.find((e) => e.source === 'd365');
      const operation = deliveries.find((e) => e.source === 'nextplus');
      expect(textOf((await ui.get(`/console/events/${released!.id}`)).html)).toMatch('Direction ERP → MES');
      expect(textOf((await ui.get(`/console/events/${operation!.id}`)).html)).toMatch('Direction MES → ERP');
      const order = textOf((await ui.get('/console/order?id=P000123')).html);
      expect(order).toMatch(/ERP → MES Released in the ERP \d{4}-\d\d-\d\d [\d:]+ UTC/);
      expect(order).toMatch('route 10 → 20 → 30, last operation 30');
      expect(order).toMatch(/Created in the MES nextplus: order P000123 \(id [^)]+\)/);
      expect(order).toMatch('Postings 2 of 2 postings delivered (d365-orders, nextplus)');
      expect(order).toMatch('MES → ERP Events reported 1 event (1 accepted) Postings 2 of 2 postings delivered (d365)');
    });
  });
}
