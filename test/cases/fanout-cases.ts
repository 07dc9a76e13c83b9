// Two targets at once (ERP_TARGETS=d365,webhook), each with its own lanes: every event goes to
// both; an outage or a refusal at one holds only that target's lane of that order, the other
// keeps receiving; when it comes back nothing is lost and each got each order in arrival order.
import { describe, expect, it } from 'vitest';
import type { FakeD365 } from '../support/fake-d365.js';
import type { FakeWebhookReceiver, ServedErps } from '../support/fake-webhook-receiver.js';
import { ConsoleClient, textOf } from '../support/console-client.js';
import { realEvent } from '../support/fixtures.js';
import { ADMIN_TEST_TOKEN, allPostings, post, type Harness, type MakeHarness } from '../support/harness.js';
import { proficySample, proficySamples } from '../support/proficy-fixtures.js';
import { expectValidD365 } from '../support/spec-check.js';
import { withFakeErps } from '../support/with-fake-erps.js';

const admin = { authorization: `Bearer ${ADMIN_TEST_TOKEN}` };

export function fanoutCases(make: MakeHarness, serve: () => Promise<ServedErps>) {
  describe('fan-out to D365 and the webhook', () => {
    let d365: FakeD365;
    let webhook: FakeWebhookReceiver;
    let h: Harness;
    withFakeErps(
      make,
      serve,
      () => ({ RETRY_BASE_MS: '1000', RETRY_MAX_MS: '60000', RETRY_HORIZON_MS: String(24 * 3600_000), PROFICY_OPERATION_NUMBERS: JSON.stringify({ 'SIT Op1': 10 }) }),
      (t) => ({ d365, webhook, h } = t),
    );

    const attach = (order: string, sku: string) => post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: order, item: { sku, quantity: 1 } }));
    const statesAt = async (target: string, order?: string) =>
      (await allPostings(h)).filter((p) => p.target === target && (!order || p.productionOrder === order)).map((p) => p.state);

    it('posts every event to both targets, each in its own words', async () => {
      await post(h, '/nextplus/device', realEvent('device-add'));
      await post(h, '/nextplus/item-attach', realEvent('item-attach-add'));
      await post(h, '/nextplus/operation', realEvent('operation-add'));
      await post(h, '/proficy/operation-completed', proficySamples['operation-completed']);
      const ps = await allPostings(h);
      expect(ps.map((p) => p.target).sort()).toEqual([...Array(6).fill('d365'), ...Array(6).fill('webhook')]);
      await h.dispatch();
      expect(await statesAt('d365')).toEqual(Array(6).fill('delivered'));
      expect(await statesAt('webhook')).toEqual(Array(6).fill('delivered'));
      const pair = (order: string) => ({
        d365: d365.received.filter((r) => r.order === order).map((r) => r.type),
        webhook: webhook.received.filter((r) => r.body.data.event.productionOrder === order).map((r) => r.body.type),
      });
      expect(pair('ERP-WO-123')).toEqual({
        d365: ['ProdProductionOrderStart', 'ProdProductionOrderPickingList', 'ProdProductionOrderRouteCard'],
        webhook: ['production.order-started', 'production.material-consumed', 'production.operation-reported'],
      });
      expect(pair('WO-Bike')).toEqual({
        d365: ['ProdProductionOrderRouteCard', 'ProdProductionOrderPickingList', 'ProdProductionOrderPickingList'],
        webhook: ['production.operation-reported', 'production.material-consumed', 'production.material-consumed'],
      });
      for (const r of d365.received) expectValidD365(r.type, r.content);
    });

    it('D365 down for a while: the webhook keeps receiving in order; afterwards nothing is lost and each target got each order in arrival order', async () => {
      d365.outage = { status: 503 };
      for (let i = 1; i <= 3; i++) for (const order of ['A', 'B']) await attach(order, `${order}${i}`);
      await h.dispatch();
      expect(webhook.itemsOf('A')).toEqual(['A1', 'A2', 'A3']);
      expect(webhook.itemsOf('B')).toEqual(['B1', 'B2', 'B3']);
      expect(d365.received).toEqual([]);
      expect(await statesAt('d365')).toEqual(Array(6).fill('queued'));

      // Still down an hour later; more arrives, and still reaches the webhook.
      for (let minute = 0; minute < 60; minute += 5) {
        h.clock.advance(5 * 60_000);
        await h.dispatch();
      }
      await attach('A', 'A4');
      await attach('B', 'B4');
      await h.dispatch();
      expect(webhook.itemsOf('A')).toEqual(['A1', 'A2', 'A3', 'A4']);
      expect(webhook.itemsOf('B')).toEqual(['B1', 'B2', 'B3', 'B4']);
      expect(d365.received).toEqual([]);
      const [head] = (await allPostings(h)).filter((p) => p.target === 'd365');
      expect(head!.attempts).toBeGreaterThan(1);
      expect(head!.lastError).toMatch('HTTP 503');

      d365.outage = undefined;
      h.clock.advance(2 * 60_000); // past the longest backoff
      await h.dispatch();
      expect(d365.itemsOf('A')).toEqual(['A1', 'A2', 'A3', 'A4']);
      expect(d365.itemsOf('B')).toEqual(['B1', 'B2', 'B3', 'B4']);
      expect(await statesAt('d365')).toEqual(Array(8).fill('delivered'));
      expect(await statesAt('webhook')).toEqual(Array(8).fill('delivered'));
      expect(webhook.received).toHaveLength(8); // the webhook got each once
    });

    it('a permanent D365 refusal holds that order at D365 only; the webhook still gets its later postings', async () => {
      d365.failingOrders.set('BAD', { status: 400, body: '{"Message":"Production order BAD does not exist"}' });
      await attach('BAD', 'BAD1');
      await attach('GOOD', 'GOOD1');
      await h.dispatch();
      await attach('BAD', 'BAD2');
      await attach('GOOD', 'GOOD2');
      await h.dispatch();
      expect(await statesAt('d365', 'BAD')).toEqual(['failed', 'held']);
      expect(await statesAt('d365', 'GOOD')).toEqual(['delivered', 'delivered']);
      expect(await statesAt('webhook', 'BAD')).toEqual(['delivered', 'delivered']);
      expect(webhook.itemsOf('BAD')).toEqual(['BAD1', 'BAD2']);
      expect(d365.itemsOf('GOOD')).toEqual(['GOOD1', 'GOOD2']);
      expect(d365.itemsOf('BAD')).toEqual([]);

      // Retrying the order at D365 only (once D365 knows it) resends nothing to the webhook.
      d365.failingOrders.clear();
      const retry = await h.request('/admin/api/orders/BAD/retry?target=d365', { method: 'POST', headers: admin });
      expect(await retry.json()).toEqual({ retried: 1 });
      await h.dispatch();
      expect(d365.itemsOf('BAD')).toEqual(['BAD1', 'BAD2']);
      expect(webhook.itemsOf('BAD')).toEqual(['BAD1', 'BAD2']);
      expect(webhook.requestCount).toBe(4);
    });

    it('the console shows each target: counts per target, the order held at D365 only, filters by target and source', async () => {
      d365.failingOrders.set('BAD', { status: 400, body: '{"Message":"Production order BAD does not exist"}' });
      await attach('BAD', 'BAD1');
      await attach('BAD', 'BAD2');
      await post(h, '/proficy/process-order-completed', proficySample('process-order-completed'));
      await h.dispatch();
      const ui = new ConsoleClient(h);
      await ui.login();
      const overview = textOf((await ui.get('/console')).html);
      expect(overview).toMatch(/D365 .*0 .*0 .*1 .*1 /); // queued, sending, failed, held at D365
      expect(overview).toMatch('Webhook (webhook) — postings are sent there');
      const order = textOf((await ui.get('/console/order?id=BAD')).html);
      expect(order).toMatch('Held at d365: posting #');
      expect(order).not.toMatch('Held at webhook');
      const events = async (query: string) => [...(await ui.get(`/console/events?${query}`)).html.matchAll(/<span class="muted">(nextplus|proficy)<\/span> ([a-z-]+)/g)].map((m) => `${m[1]} ${m[2]}`);
      expect(await events('source=proficy')).toEqual(['proficy process-order-completed']);
      expect(await events('target=d365&state=failed')).toEqual(['nextplus item-attach']);
      expect(await events('target=webhook&state=failed')).toEqual([]);
    });

    it('a remove during a D365 outage: the webhook gets the reversal at once, D365 the original then its reversal when back', async () => {
      d365.outage = { status: 503 };
      const added = await attach('A', 'A1');
      const item = ((await added.json()) as { externalId: string }).externalId;
      await h.dispatch(); // the webhook has it; D365 was tried and is backing off
      await post(h, '/nextplus/item-attach', realEvent('item-attach-remove', { workorderExternalId: 'A', item: { sku: 'A1', quantity: 1, externalId: item } }));
      await h.dispatch();
      expect(webhook.received.map((r) => r.body.type)).toEqual(['production.material-consumed', 'production.reversal']);
      expect(webhook.received[1]!.body.data.reverses).toEqual({ webhookId: webhook.received[0]!.webhookId, type: 'production.material-consumed' });
      expect(d365.received).toEqual([]);
      d365.outage = undefined;
      h.clock.advance(2 * 60_000);
      await h.dispatch();
      expect(d365.received.map((r) => (r.content.PickingListLines as { ConsumptionBOMQuantity: number }[])[0]!.ConsumptionBOMQuantity)).toEqual([1, -1]);
      expect(await statesAt('d365')).toEqual(['delivered', 'delivered']);
    });

    it('a remove before anything was sent cancels the original and its reversal at both targets', async () => {
      const item = ((await (await attach('A', 'A1')).json()) as { externalId: string }).externalId;
      await post(h, '/nextplus/item-attach', realEvent('item-attach-remove', { workorderExternalId: 'A', item: { sku: 'A1', quantity: 1, externalId: item } }));
      await h.dispatch();
      expect((await allPostings(h)).map((p) => `${p.target}:${p.state}`).sort()).toEqual(['d365:cancelled', 'd365:cancelled', 'webhook:cancelled', 'webhook:cancelled']);
      expect(d365.sendRequests + webhook.requestCount).toBe(0);
    });

    it('the admin API filters postings by target and events by source; /healthz lists both targets', async () => {
      await attach('A', 'A1');
      const completed = proficySample('operation-completed');
      await post(h, '/proficy/operation-completed', completed);
      await post(h, '/proficy/operation-clocked-on', proficySamples['operation-clocked-on']);
      await h.dispatch();
      const list = async (path: string) => {
        const res = await h.request(path, { headers: admin });
        expect(res.status).toBe(200);
        return ((await res.json()) as { items: Record<string, unknown>[] }).items;
      };
      const hooks = await list('/admin/api/postings?target=webhook');
      expect(hooks).toHaveLength(4);
      expect(new Set(hooks.map((p) => p.target))).toEqual(new Set(['webhook']));
      expect(hooks.every((p) => typeof (p.content as { type: string }).type === 'string')).toBe(true);
      const d365s = await list('/admin/api/postings?target=d365');
      expect(d365s.map((p) => p.messageType).sort()).toEqual(['ProdProductionOrderPickingList', 'ProdProductionOrderPickingList', 'ProdProductionOrderPickingList', 'ProdProductionOrderRouteCard']);
      expect(await list('/admin/api/postings?target=journal')).toEqual([]);

      const proficy = await list('/admin/api/events?source=proficy');
      expect(proficy.map((e) => e.integration).sort()).toEqual(['operation-clocked-on', 'operation-completed']);
      expect(new Set(proficy.map((e) => e.source))).toEqual(new Set(['proficy']));
      expect((await list('/admin/api/events?source=nextplus')).map((e) => e.integration)).toEqual(['item-attach']);
      expect((await list('/admin/api/postings?source=proficy&target=webhook')).map((p) => p.productionOrder)).toEqual(['WO-Bike', 'WO-Bike', 'WO-Bike']);

      const health = await h.request('/healthz');
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', connector: 'd365,webhook', targets: ['d365', 'webhook'] });
    });
  });

  // 16 slots: the pool refills in steps of a quarter, but the webhook, its one send done, at once.
  describe.each([4, 16])('a hung D365 next to a healthy webhook (%i slots)', (slots) => {
    let d365: FakeD365;
    let webhook: FakeWebhookReceiver;
    let h: Harness;
    withFakeErps(
      make,
      serve,
      // Every send of the run in one run (a Worker's default limit would end it early).
      () => ({ DISPATCH_CONCURRENCY: String(slots), DISPATCH_MAX_SENDS_PER_RUN: '0', D365_TIMEOUT_MS: '2000' }),
      (t) => ({ d365, webhook, h } = t),
    );
    const statesAt = async (target: string) => (await allPostings(h)).filter((p) => p.target === target).map((p) => p.state);

    it('D365 accepts and never answers: the webhook gets all 20 events while the first D365 sends are still waiting out their timeout', async () => {
      d365.hang = true;
      for (let i = 1; i <= 20; i++) await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: `O${i}`, item: { sku: `S${i}`, quantity: 1 } }));
      let ran = false;
      const run = h.dispatch().finally(() => (ran = true));
      // Watch until the webhook has everything, or a D365 send has timed out (the old batches
      // waited for those before taking more), or the run ended.
      const timedOutAtD365 = async () => (await allPostings(h)).filter((p) => p.target === 'd365' && p.lastError).length;
      let timedOut = 0;
      while (webhook.received.length < 20 && !ran && (timedOut = await timedOutAtD365()) === 0) await new Promise((r) => setTimeout(r, 5));
      // D365 holds all slots but one (one per other target), the webhook had the last.
      const seen = { webhook: webhook.received.length, d365TimedOut: timedOut, d365Waiting: d365.hung, d365Requests: d365.sendRequests };
      d365.releaseHung();
      await run;
      expect(seen).toEqual({ webhook: 20, d365TimedOut: 0, d365Waiting: slots - 1, d365Requests: slots - 1 });
      expect(new Set(webhook.received.map((r) => r.body.data.event.productionOrder)).size).toBe(20);
      expect(await statesAt('webhook')).toEqual(Array(20).fill('delivered'));
    });
  });
}
