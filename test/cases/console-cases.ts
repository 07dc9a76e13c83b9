// The operations console, page by page and action by action: sign-in required, CSRF refused,
// and every action changes the ledger and is recorded under the signed-in name.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleClient, form, textOf } from '../support/console-client.js';
import type { FakeD365, ServedFake } from '../support/fake-d365.js';
import { realEvent } from '../support/fixtures.js';
import { ADMIN_TEST_TOKEN, allPostings, idOf, post, type Harness, type MakeHarness } from '../support/harness.js';
import { withFakeD365 } from '../support/with-fake-d365.js';

export function consoleCases(make: MakeHarness, serveFake: () => Promise<ServedFake>) {
  describe('console: sign-in and protection', () => {
    let h: Harness;
    let ui: ConsoleClient;
    beforeEach(async () => {
      h = await make();
      ui = new ConsoleClient(h);
    });
    afterEach(() => h.close());

    it('sends every page to the sign-in form until signed in', async () => {
      for (const path of ['/console', '/console/events', '/console/events/dlv_x', '/console/orders/P1']) {
        const page = await ui.get(path);
        expect([page.status, page.location]).toEqual([303, '/console/login']);
      }
      expect(textOf((await ui.get('/console/login')).html)).toMatch('Sign in with the bridge\'s ADMIN_TOKEN');
    });

    it('refuses a wrong token or a missing name, in words', async () => {
      const wrong = await ui.login('Jane', 'not-the-admin-token-at-all');
      expect(wrong.status).toBe(401);
      expect(textOf(wrong.html)).toMatch("That is not the bridge's ADMIN_TOKEN.");
      expect(ui.cookie).toBe('');
      expect((await ui.login('  ')).status).toBe(400);
      expect((await ui.login('Jane', h.token)).status).toBe(401); // the ingest token is not enough
    });

    it('refuses a sign-in posted from another site, or by something that is not a browser page', async () => {
      const fields = { name: 'Jane', token: ADMIN_TEST_TOKEN };
      expect((await h.request('/console/login', form(fields, 'https://evil.example'))).status).toBe(403);
      const bare = form(fields);
      delete (bare.headers as Record<string, string>).origin;
      expect((await h.request('/console/login', bare)).status).toBe(403);
      expect((await h.request('/console/login', form(fields))).status).toBe(303);
    });

    it('sets an HttpOnly, SameSite=Strict session cookie scoped to /console', async () => {
      const res = await h.request('/console/login', form({ name: 'Jane', token: ADMIN_TEST_TOKEN }));
      expect(res.status).toBe(303);
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/console/);
      expect(cookie).not.toMatch(ADMIN_TEST_TOKEN);
    });

    it('rejects a tampered or expired session, and signs out', async () => {
      await ui.login();
      expect((await ui.get('/console')).status).toBe(200);
      const real = ui.cookie;
      ui.cookie = real.replace(/=(\d)/, '=9'); // another issue time, same signature
      expect((await ui.get('/console')).status).toBe(303);
      ui.cookie = real;
      h.clock.advance(13 * 3600_000);
      expect((await ui.get('/console')).status).toBe(303);
      await ui.login();
      const out = await ui.act('/console/logout');
      expect(out.location).toBe('/console/login');
    });

    it('refuses actions without the CSRF token, with a wrong one, or from another site', async () => {
      await post(h, '/nextplus/device', realEvent('device-add'));
      const [p] = await allPostings(h);
      await ui.login();
      expect((await ui.post(`/console/postings/${p!.id}/requeue`)).status).toBe(403);
      expect((await ui.post(`/console/postings/${p!.id}/requeue`, { _csrf: 'f'.repeat(64) })).status).toBe(403);
      const csrf = await ui.csrf();
      expect((await ui.post(`/console/postings/${p!.id}/cancel`, { _csrf: csrf }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      expect((await ui.post(`/console/postings/${p!.id}/cancel`, { _csrf: csrf }, { origin: 'https://evil.example' })).status).toBe(403);
      expect((await allPostings(h))[0]!.state).toBe('delivered');
      expect((await ui.post('/console/logout')).status).toBe(403);
    });

    it('is never cached or framed', async () => {
      await ui.login();
      const res = await h.request('/console', { headers: { cookie: ui.cookie } });
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toMatch("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    });
  });

  describe('console: pages', () => {
    let h: Harness;
    let ui: ConsoleClient;
    beforeEach(async () => {
      h = await make();
      ui = new ConsoleClient(h);
      await ui.login();
    });
    afterEach(() => h.close());

    it('overview: says what to do when empty, shows the URLs to paste and the connector', async () => {
      const text = textOf((await ui.get('/console')).html);
      expect(text).toMatch('Healthy: nothing is waiting or failed.');
      expect(text).toMatch(`/nextplus/device?token=${h.token}`);
      expect(text).toMatch('Journal (the ledger) (journal) — the ledger is the record');
      expect(text).toMatch(`/proficy/operation-completed?token=${h.token}`);
      // Each source says how to try its URLs, and lists them by its own names for them.
      expect(text).toMatch('Then press Test on each integration: the answer is a TEST-… externalId.');
      expect(text).toMatch('Add ?test=1 to try one without posting.');
      expect(text).toMatch(/ Operation Completed \S+\/proficy\/operation-completed\?token=/);
      expect(text).not.toMatch('Proficy Operation Completed');
      expect(textOf((await ui.get('/console/events')).html)).toMatch('No events yet. Paste the ingest URLs');
    });

    it('overview: counts finished postings of the last 24 h, and everything still waiting', async () => {
      await post(h, '/nextplus/device', realEvent('device-add'));
      expect(textOf((await ui.get('/console')).html)).toMatch(/1 Delivered .*1 Accepted/);
      h.clock.advance(25 * 3600_000);
      await ui.login(); // the session lasted 12 h
      expect(textOf((await ui.get('/console')).html)).toMatch(/0 Delivered .*0 Accepted/);
    });

    it('events grid: newest first, filters, search, and older pages', async () => {
      for (let i = 1; i <= 3; i++) {
        await post(h, '/nextplus/device', realEvent('device-add', { workorderExternalId: `P${i}`, serial: `SER-${i}` }));
        h.clock.advance(60_000);
      }
      await post(h, '/nextplus/operation', realEvent('operation-add', { workorderExternalId: 'P9', serial: 'SER-9' }));
      const all = textOf((await ui.get('/console/events')).html);
      expect(all.indexOf('SER-9')).toBeLessThan(all.indexOf('SER-1'));
      expect(all).toMatch('1 delivered');
      const serials = async (query: string) => [...textOf((await ui.get(`/console/events?${query}`)).html).matchAll(/SER-\d/g)].map((m) => m[0]);
      expect(await serials('integration=operation')).toEqual(['SER-9']);
      expect(await serials('productionOrder=P2')).toEqual(['SER-2']);
      expect(await serials('q=SER-3')).toEqual(['SER-3']);
      expect(await serials('state=failed')).toEqual([]);
      expect(await serials('state=delivered&integration=device')).toEqual(['SER-3', 'SER-2', 'SER-1']);
      // Local 10:30 in a browser at UTC-2 (offset +120) is 12:30 UTC: after the 10:00 and 10:01 events.
      expect(await serials('from=2026-03-04T08%3A00&tzOffset=120&integration=device')).toEqual(['SER-3', 'SER-2', 'SER-1']);
      expect(await serials('from=2026-03-04T08%3A00&to=2026-03-04T08%3A00&tzOffset=121')).toEqual(['SER-2']);
      expect(textOf((await ui.get('/console/events?q=nothing-like-it')).html)).toMatch('No event matches these filters');
      const bad = textOf((await ui.get('/console/events?state=lost')).html);
      expect(bad).toMatch('Check the filters: state');
    });

    it('pages through a long list with an "Older events" link', async () => {
      for (let i = 0; i < 55; i++) {
        await post(h, '/nextplus/device', realEvent('device-add', { serial: `PG-${String(i).padStart(2, '0')}` }));
        h.clock.advance(1_000);
      }
      const first = (await ui.get('/console/events')).html;
      expect(textOf(first)).toMatch('PG-54');
      expect(textOf(first)).not.toMatch('PG-04');
      const older = first.match(/href="(\/console\/events\?[^"]*before=[^"]+)"/)?.[1]?.replace(/&amp;/g, '&');
      expect(older).toBeDefined();
      const second = textOf((await ui.get(older!)).html);
      expect([...second.matchAll(/PG-\d\d/g)].map((m) => m[0])).toEqual(['PG-04', 'PG-03', 'PG-02', 'PG-01', 'PG-00']);
    });

    it('event detail: a reversal and the posting it reverses link to each other', async () => {
      const added = await idOf(await post(h, '/nextplus/operation', realEvent('operation-add')));
      await post(h, '/nextplus/operation', realEvent('operation-remove', { externalId: added }));
      const [original, reversal] = await allPostings(h);
      expect(reversal!.reversesPostingId).toBe(original!.id);
      const originalPage = textOf((await ui.get(`/console/events/${original!.deliveryId}`)).html);
      expect(originalPage).toMatch(`Reversed by posting #${reversal!.id} (delivered)`);
      expect(originalPage).toMatch('Updated / removed by');
      const reversalPage = (await ui.get(`/console/events/${reversal!.deliveryId}`)).html;
      expect(reversalPage).toMatch(`href="/console/postings/${original!.id}"`);
      const jump = await ui.get(`/console/postings/${original!.id}`);
      expect(jump.location).toBe(`/console/events/${original!.deliveryId}#posting-${original!.id}`);
      expect((await ui.get('/console/postings/999')).status).toBe(404);
    });

    it('event detail: raw body, parsed event, postings, and duplicates linked both ways', async () => {
      const body = realEvent('device-add', { serial: 'DUP-1' });
      const id = await idOf(await post(h, '/nextplus/device', body));
      h.clock.advance(1_000); // within the dedupe window
      await post(h, '/nextplus/device', body);
      const [dup, original] = [...textOf((await ui.get('/console/events?q=DUP-1')).html).matchAll(/(Accepted|Duplicate)/g)].map((m) => m[0]);
      expect([dup, original]).toEqual(['Duplicate', 'Accepted']);
      const listing = (await ui.get('/console/events?q=DUP-1')).html;
      const [dupLink, origLink] = [...listing.matchAll(/href="(\/console\/events\/dlv_[^"]+)"/g)].map((m) => m[1]!).filter((v, i, a) => a.indexOf(v) === i);
      const origPage = textOf((await ui.get(origLink!)).html);
      expect(origPage).toMatch(id);
      expect(origPage).toMatch('Repeated by');
      expect(origPage).toMatch('ProdProductionOrderStart');
      expect(origPage).toMatch('"serial": "DUP-1"');
      const dupPage = textOf((await ui.get(dupLink!)).html);
      expect(dupPage).toMatch('Duplicate of');
      expect(dupPage).toMatch('Suppressed as a duplicate');
      expect((await ui.get('/console/events/dlv_nope')).status).toBe(404);
    });
  });

  describe('console: fixing failed deliveries', () => {
    let d365: FakeD365;
    let h: Harness;
    let ui: ConsoleClient;
    withFakeD365(make, serveFake, () => ({}), (t) => ({ d365, h } = t));
    beforeEach(async () => {
      ui = new ConsoleClient(h);
      await ui.login('Jane Doe');
    });

    const failOrder = async (order: string, count = 2) => {
      d365.failingOrders.set(order, { status: 400, body: `{"Message":"Production order ${order} is not started"}` });
      for (let i = 1; i <= count; i++) await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: order, item: { sku: `${order}-${i}`, quantity: i } }));
      await h.dispatch();
    };

    it('shows the failed posting blocking its order, with why and what waits behind it', async () => {
      await failOrder('BAD');
      const [failed, held] = await allPostings(h);
      expect([failed!.state, held!.state]).toEqual(['failed', 'held']);
      h.clock.advance(25 * 3600_000); // still counted a day later: waiting postings always are
      await ui.login();
      const overview = textOf((await ui.get('/console')).html);
      expect(overview).toMatch('1 posting failed, 1 held behind them');
      const order = textOf((await ui.get('/console/order?id=BAD')).html);
      expect(order).toMatch(`Held at d365: posting #${failed!.id} (ProdProductionOrderPickingList) failed`);
      expect(order).toMatch('is not started');
      expect(order).toMatch(`waits behind posting #${failed!.id}`);
      expect(order).toMatch('HTTP 400'); // the attempt
    });

    it('edit (validated against the D365 spec), then retry: delivered, and recorded under the name', async () => {
      await failOrder('BAD', 1);
      const [p] = await allPostings(h);
      const back = '/console/order?id=BAD';
      const notJson = await ui.act(`/console/postings/${p!.id}/content`, { content: '{oops', back });
      expect(decodeURIComponent(notJson.location!)).toMatch('is not valid JSON');
      const content = { ...JSON.parse(p!.content), ProductionOrderNumber: 'GOOD' };
      const bogus = await ui.act(`/console/postings/${p!.id}/content`, { content: JSON.stringify({ ...content, Bogus: 1 }), back });
      expect(decodeURIComponent(bogus.location!)).toMatch('Bogus is not a field D365 knows');
      expect((await allPostings(h))[0]!.content).toBe(p!.content);
      const saved = await ui.act(`/console/postings/${p!.id}/content`, { content: JSON.stringify(content), back });
      expect(saved.location).toMatch(/^\/console\/order\?id=BAD&notice=/);
      expect(textOf((await ui.get(saved.location!)).html)).toMatch(`Content of posting #${p!.id} saved.`);
      await ui.act(`/console/postings/${p!.id}/retry`, { back });
      await h.dispatch();
      expect((await allPostings(h))[0]!.state).toBe('delivered');
      expect(d365.received.map((r) => r.order)).toEqual(['GOOD']);
      const actions = await h.outbox.actionsOf({ postingId: p!.id });
      expect(actions.map((a) => [a.action, a.actor])).toEqual([['edit', 'Jane Doe'], ['retry', 'Jane Doe']]);
      expect(textOf((await ui.get(`/console/events/${p!.deliveryId}`)).html)).toMatch(/Jane Doe edit/);
    });

    it('cancel, re-queue, and refusals that say why', async () => {
      await failOrder('P9', 2);
      const [first, second] = await allPostings(h);
      const requeue = await ui.act(`/console/postings/${first!.id}/requeue`);
      expect(decodeURIComponent(requeue.location!)).toMatch(`Posting ${first!.id} is failed; only cancelled postings can be re-queued.`);
      await ui.act(`/console/postings/${first!.id}/cancel`);
      expect((await allPostings(h)).map((p) => p.state)).toEqual(['cancelled', 'queued']); // the order moves on
      await h.dispatch();
      expect((await allPostings(h)).map((p) => p.state)).toEqual(['cancelled', 'failed']); // and is refused too
      d365.failingOrders.clear();
      await ui.act(`/console/postings/${first!.id}/requeue`);
      await ui.act(`/console/postings/${second!.id}/retry`);
      await h.dispatch();
      expect((await allPostings(h)).map((p) => p.state)).toEqual(['delivered', 'delivered']);
    });

    it('retries every failed posting of one order at once', async () => {
      await failOrder('ORD', 1);
      await failOrder('OTHER', 1);
      d365.failingOrders.clear();
      const res = await ui.act('/console/orders/ORD/retry', { back: '/console/orders/ORD' });
      expect(decodeURIComponent(res.location!)).toMatch('1 failed posting of ORD queued');
      await h.dispatch();
      expect((await allPostings(h)).map((p) => [p.productionOrder, p.state])).toEqual([['ORD', 'delivered'], ['OTHER', 'failed']]);
      const again = await ui.act('/console/orders/ORD/retry');
      expect(decodeURIComponent(again.location!)).toMatch('Production order ORD has no failed postings to retry.');
    });

    it('opens and retries an order named .. (dot segments never reach a path), from the link the pages give', async () => {
      await failOrder('..', 1);
      d365.failingOrders.clear();
      await ui.login();
      const events = (await ui.get('/console/events')).html;
      const href = /href="(\/console\/order\?id=[^"]*)"/.exec(events)?.[1]?.replaceAll('&amp;', '&');
      expect(href).toBe('/console/order?id=..');
      const page = (await ui.get(href!)).html;
      expect(textOf(page)).toMatch('Production order ..');
      const action = /action="(\/console\/order\/retry\?id=[^"]*)"/.exec(page)?.[1]?.replaceAll('&amp;', '&');
      expect(action).toBe('/console/order/retry?id=..&target=d365');
      const res = await ui.act(action!, { back: href! });
      expect(decodeURIComponent(res.location!)).toMatch('1 failed posting of .. at d365 queued');
      await h.dispatch();
      expect((await allPostings(h)).map((p) => p.state)).toEqual(['delivered']);
      expect((await ui.get('/console/orders/P1')).location).toBe('/console/order?id=P1'); // old links still open
    });

    it('a back address with CR/LF (or other bytes a Location cannot hold) goes to the console, after the action ran once', async () => {
      await failOrder('CRLF', 1);
      const [p] = await allPostings(h);
      for (const back of ['/console/x\r\nSet-Cookie: a=b', '/console/caf\u00e9', '/console/\u2028']) {
        const res = await ui.act(`/console/postings/${p!.id}/cancel`, { back });
        expect(res.status).toBe(303);
        expect(res.location).toMatch(/^\/console\?(notice|error)=/);
      }
      expect((await h.outbox.actionsOf({ postingId: p!.id })).map((a) => a.action)).toEqual(['cancel']);
    });

    it('posts a suppressed duplicate anyway, once', async () => {
      const body = realEvent('device-add', { serial: 'TWICE' });
      await post(h, '/nextplus/device', body);
      await post(h, '/nextplus/device', body);
      await h.dispatch();
      expect(d365.received).toHaveLength(1);
      const dupId = (await h.db.query.deliveries.findFirst({ where: (d, { eq }) => eq(d.outcome, 'duplicate') }))!.id;
      expect(textOf((await ui.get(`/console/events/${dupId}`)).html)).toMatch('Post this duplicate anyway');
      const res = await ui.act(`/console/events/${dupId}/post-anyway`, { back: `/console/events/${dupId}` });
      expect(decodeURIComponent(res.location!)).toMatch('The duplicate was posted anyway: 1 posting created.');
      await h.dispatch();
      expect(d365.received).toHaveLength(2);
      const again = await ui.act(`/console/events/${dupId}/post-anyway`);
      expect(decodeURIComponent(again.location!)).toMatch('already posted anyway');
      expect((await h.outbox.actionsOf({ deliveryId: dupId })).map((a) => [a.action, a.actor])).toEqual([['post-duplicate', 'Jane Doe']]);
    });
  });
}
