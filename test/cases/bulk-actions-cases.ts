// Lists that say why, and fixing many at once: the rejection reason and the failed posting's
// error in the lists, failures grouped by error, a bulk retry or cancel (console, with its
// confirmation; admin API, by the postings list's filters), save-and-retry, an edit's before/after.
import { describe, expect, it } from 'vitest';
import { ConsoleClient, textOf } from '../support/console-client.js';
import type { FakeD365, ServedFake } from '../support/fake-d365.js';
import { realEvent } from '../support/fixtures.js';
import { ADMIN_TEST_TOKEN, allPostings, post, type Harness, type MakeHarness } from '../support/harness.js';
import { withFakeD365 } from '../support/with-fake-d365.js';

const CLOSED = 'Posting period 2026-03 is closed for company USMF';
const order = (i: number) => `P${String(i).padStart(2, '0')}`;
const unescape = (s: string) => s.replaceAll('&amp;', '&');

export function bulkActionsCases(make: MakeHarness, serveFake: () => Promise<ServedFake>) {
  describe('lists that say why, and fixing many at once', () => {
    let d365: FakeD365;
    let h: Harness;
    withFakeD365(make, serveFake, () => ({}), (t) => ({ d365, h } = t));
    const admin = (path: string, method = 'GET') => h.request(`/admin/api${path}`, { method, headers: { authorization: `Bearer ${ADMIN_TEST_TOKEN}`, 'x-actor': 'script' } });

    /** Dispatcher runs until nothing is due (a Worker's run sends a bounded number). */
    async function settle() {
      for (let run = 0; run < 20 && (await allPostings(h)).some((p) => p.state === 'queued' && p.nextAttemptAt == null); run++) await h.dispatch();
    }

    /** 40 orders refused by D365 for one reason; P01 has two more postings held behind its failure. */
    async function fortyFailed() {
      d365.outage = { status: 400, body: JSON.stringify({ Message: CLOSED }) };
      for (let i = 1; i <= 40; i++) await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: order(i), item: { sku: `${order(i)}-A`, quantity: 1 } }));
      for (const sku of ['P01-B', 'P01-C']) await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: 'P01', item: { sku, quantity: 1 } }));
      await settle();
      const states = (await allPostings(h)).map((p) => p.state);
      expect([states.filter((s) => s === 'failed').length, states.filter((s) => s === 'held').length]).toEqual([40, 2]);
    }

    it('40 postings failing for one D365 reason: one group row, one retry-all after a confirmation, 40 actions, delivered in lane order', async () => {
      await fortyFailed();
      const ui = new ConsoleClient(h);
      await ui.login('Jane Doe');
      const failedList = (await ui.get('/console/postings?state=failed')).html;
      const text = textOf(failedList);
      expect(text).toMatch(`Failures by error`);
      expect(text).toMatch(`Fix all d365 HTTP 400: ${CLOSED} 40 postings P01 P02`);
      expect(text).toMatch('and 32 more orders');
      expect(text).toMatch(`HTTP 400: ${CLOSED}`); // each row's headline, not the raw JSON
      expect(text).not.toMatch('{"Message"');
      const retryAll = unescape(/href="(\/console\/bulk\/retry\?[^"]*headline=[^"]*)"/.exec(failedList)![1]!);
      const confirm = await ui.get(retryAll);
      expect(textOf(confirm.html)).toMatch('Retry 40 failed postings of orders P01, P02, P03, P04, P05 (and 35 more)?');
      expect((await allPostings(h)).filter((p) => p.state === 'failed')).toHaveLength(40); // asking moved nothing
      const action = unescape(/<form method="post" action="([^"]+)"/.exec(confirm.html.split('<main>')[1]!)![1]!);
      expect(action).toBe(retryAll);
      const back = unescape(/name="back" value="([^"]+)"/.exec(confirm.html)![1]!);
      const done = await ui.act(action, { back });
      expect(decodeURIComponent(done.location!)).toMatch('40 postings queued to be sent now, in order per production order.');
      expect((await allPostings(h)).map((p) => p.state)).toEqual(Array(42).fill('queued'));
      const actions = (await Promise.all((await allPostings(h)).map((p) => h.outbox.actionsOf({ postingId: p.id })))).flat();
      expect(actions.map((a) => [a.action, a.actor])).toEqual(Array(40).fill(['retry', 'Jane Doe']));
      d365.outage = undefined;
      await settle();
      expect((await allPostings(h)).every((p) => p.state === 'delivered')).toBe(true);
      expect(d365.itemsOf('P01')).toEqual(['P01-A', 'P01-B', 'P01-C']);
      expect(d365.received).toHaveLength(42);
    });

    it('admin API: failures grouped by target and headline, bulk retry and cancel by the postings filters, answering {count}', async () => {
      await fortyFailed();
      const groups = (await (await admin('/postings/failures')).json()) as { groups: Record<string, unknown>[]; truncated: boolean };
      expect(groups.truncated).toBe(false);
      expect(groups.groups).toHaveLength(1);
      expect(groups.groups[0]).toMatchObject({ target: 'd365', headline: `HTTP 400: ${CLOSED}`, count: 40 });
      expect((groups.groups[0]!.productionOrders as string[]).slice(0, 3)).toEqual(['P01', 'P02', 'P03']);
      const listed = (await (await admin('/postings?state=failed&productionOrder=P07')).json()) as { items: { headline: string }[] };
      expect(listed.items.map((p) => p.headline)).toEqual([`HTTP 400: ${CLOSED}`]);

      const one = await admin('/postings/retry?productionOrder=P02', 'POST');
      expect([one.status, await one.json()]).toEqual([200, { count: 1, more: false }]);
      const some = await admin('/postings/cancel?target=d365&limit=3', 'POST'); // the oldest three failed: P01, P03, P04
      expect(await some.json()).toEqual({ count: 3, more: true });
      const byGroup = await admin(`/postings/cancel?target=d365&headline=${encodeURIComponent(`HTTP 400: ${CLOSED}`)}`, 'POST');
      expect(await byGroup.json()).toEqual({ count: 36, more: false });
      const states = new Map((await allPostings(h)).map((p) => [`${p.productionOrder}/${p.id}`, p.state]));
      expect([...states.values()].filter((s) => s === 'cancelled')).toHaveLength(39);
      // Cancelling P01's failed posting released the two held behind it, in order.
      expect((await allPostings(h)).filter((p) => p.productionOrder === 'P01').map((p) => p.state)).toEqual(['cancelled', 'queued', 'queued']);
      const none = await admin('/postings/retry?state=failed', 'POST');
      expect(await none.json()).toEqual({ count: 0, more: false });
      const actions = (await Promise.all((await allPostings(h)).map((p) => h.outbox.actionsOf({ postingId: p.id })))).flat();
      expect(actions).toHaveLength(40);
      expect(new Set(actions.map((a) => a.actor))).toEqual(new Set(['script']));

      const wrongState = await admin('/postings/retry?state=delivered', 'POST');
      expect(wrongState.status).toBe(400);
      expect(((await wrongState.json()) as { message: string }).message).toMatch('A retry applies to failed, queued, held postings, not delivered ones');
      expect((await admin('/postings/retry?limit=1001', 'POST')).status).toBe(400);
    });

    it('the events list shows why: the rejection reason, and the failed posting\'s error headline', async () => {
      d365.failingOrders.set('BAD', { status: 400, body: '{"Message":"Production order BAD is not started"}' });
      await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: 'BAD' }));
      await post(h, '/nextplus/item-attach', { type: 'add' });
      await h.dispatch();
      const ui = new ConsoleClient(h);
      await ui.login();
      const text = textOf((await ui.get('/console/events')).html);
      expect(text).toMatch('Rejected Item Attach event not accepted: workorderNumber is missing');
      expect(text).toMatch('1 failed d365: HTTP 400: Production order BAD is not started');
      const failed = (await ui.get('/console/events?state=failed')).html;
      expect(failed).toMatch('href="/console/postings?state=failed');
    });

    it('save and retry in one step, and the event page shows the edit before and after', async () => {
      d365.failingOrders.set('BAD', { status: 400, body: '{"Message":"Production order BAD is not started"}' });
      await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: 'BAD' }));
      await h.dispatch();
      const [p] = await allPostings(h);
      const ui = new ConsoleClient(h);
      await ui.login('Jane Doe');
      const page = (await ui.get(`/console/events/${p!.deliveryId}`)).html;
      expect(page).toMatch('name="then" value="retry"');
      const content = { ...JSON.parse(p!.content), ProductionOrderNumber: 'GOOD' };
      const res = await ui.act(`/console/postings/${p!.id}/content`, { content: JSON.stringify(content), then: 'retry', back: `/console/events/${p!.deliveryId}` });
      expect(decodeURIComponent(res.location!)).toMatch(`Content of posting #${p!.id} saved, and the posting queued to be sent now.`);
      expect((await h.outbox.actionsOf({ postingId: p!.id })).map((a) => [a.action, a.actor])).toEqual([['edit', 'Jane Doe'], ['retry', 'Jane Doe']]);
      await h.dispatch();
      expect([(await allPostings(h))[0]!.state, d365.received.map((r) => r.order)]).toEqual(['delivered', ['GOOD']]);
      const text = textOf((await ui.get(`/console/events/${p!.deliveryId}`)).html);
      expect(text).toMatch('Jane Doe edit');
      expect(text).toMatch('ProductionOrderNumber: "BAD" → "GOOD"');
    });

    it('counts in words: "1 posting", not "1 posting(s)"', async () => {
      d365.failingOrders.set('ONE', { status: 400, body: '{"Message":"no"}' });
      await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: 'ONE' }));
      await h.dispatch();
      const ui = new ConsoleClient(h);
      await ui.login();
      const overview = textOf((await ui.get('/console')).html);
      expect(overview).toMatch('1 posting failed');
      expect(overview).not.toMatch('(s)');
      const confirm = textOf((await ui.get('/console/bulk/cancel?state=failed')).html);
      expect(confirm).toMatch('Cancel 1 failed posting of order ONE?');
      expect(textOf((await ui.get('/console/order?id=ONE')).html)).toMatch('0 postings wait behind it');
    });
  });
}
