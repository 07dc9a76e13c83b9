// The console that moves and draws: pages answer 304 to the script's If-None-Match until
// something is received, sent or acted on (or, for the overview, a minute passes), and the
// overview draws the day from the ledger: deliveries per minute by outcome, postings per
// target, send latency p50/p95 from known attempts, the oldest waiting posting.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metricCounters, postingAttempts } from '../../src/store/schema.js';
import { ConsoleClient, textOf } from '../support/console-client.js';
import type { FakeD365, ServedFake } from '../support/fake-d365.js';
import { realEvent } from '../support/fixtures.js';
import { allPostings, post, type Harness, type MakeHarness } from '../support/harness.js';
import { withFakeD365 } from '../support/with-fake-d365.js';

export function consoleLiveCases(make: MakeHarness, serveFake: () => Promise<ServedFake>) {
  describe('console: pages that refresh themselves', () => {
    let h: Harness;
    let ui: ConsoleClient;
    beforeEach(async () => {
      h = await make();
      ui = new ConsoleClient(h);
      await ui.login();
    });
    afterEach(() => h.close());

    const ask = (path: string, etag: string) => h.request(path, { headers: { cookie: ui.cookie, 'if-none-match': etag } });

    it('answers 304 to an unchanged page, and 200 with a new ETag once a delivery arrives', async () => {
      for (const path of ['/console/events', '/console/order?id=P1', '/console']) {
        const first = await h.request(path, { headers: { cookie: ui.cookie } });
        const etag = first.headers.get('etag')!;
        expect(etag).toMatch(/^"[0-9a-f]{24}"$/);
        expect(await first.text()).toContain(`<meta name="console-live" content="${etag.replaceAll('"', '&quot;')}"/>`);
        const again = await ask(path, etag);
        expect([again.status, await again.text()]).toEqual([304, '']);
        expect(again.headers.get('etag')).toBe(etag);
      }
      const before = (await h.request('/console/events', { headers: { cookie: ui.cookie } })).headers.get('etag')!;
      await post(h, '/nextplus/device', realEvent('device-add', { serial: 'LIVE-1' }));
      const changed = await ask('/console/events', before);
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(before);
      expect(textOf(await changed.text())).toMatch('LIVE-1');
    });

    it('tags each page and filter apart, refreshes the overview every minute, and never answers 304 signed out', async () => {
      const tag = async (path: string) => (await h.request(path, { headers: { cookie: ui.cookie } })).headers.get('etag')!;
      expect(await tag('/console/events?outcome=rejected')).not.toBe(await tag('/console/events'));
      const overview = await tag('/console');
      const events = await tag('/console/events');
      h.clock.advance(60_000); // ages and "the last hour" moved on
      expect((await ask('/console', overview)).status).toBe(200);
      expect((await ask('/console/events', events)).status).toBe(304);
      const out = await h.request('/console/events', { headers: { 'if-none-match': events } });
      expect([out.status, out.headers.get('location')]).toEqual([303, '/console/login']);
    });

    it('lets the script fetch from this site only, and still runs no inline script', async () => {
      const csp = (await h.request('/console', { headers: { cookie: ui.cookie } })).headers.get('content-security-policy')!;
      expect(csp).toMatch("connect-src 'self'");
      expect(csp).toMatch("script-src 'self';");
      expect(csp).not.toMatch('unsafe-eval');
      const page = (await ui.get('/console')).html;
      expect([...page.matchAll(/<script[^>]*>/g)].map((m) => m[0])).toEqual(['<script src="/console/app.js" defer="">']);
      expect(page).toMatch(/data-live-switch[^>]*hidden/); // the pause switch appears only with the script
    });
  });

  describe('console: the day at a glance', () => {
    let h: Harness;
    let ui: ConsoleClient;
    beforeEach(async () => {
      h = await make();
      ui = new ConsoleClient(h);
      await ui.login();
    });
    afterEach(() => h.close());

    it('counts deliveries per minute by outcome, over the last hour and the last 24 h', async () => {
      h.clock.advance(3 * 3600_000);
      await post(h, '/nextplus/device', realEvent('device-add', { serial: 'OLD-1' })); // 3 h before the rest
      h.clock.advance(3 * 3600_000 - 5 * 60_000);
      for (const serial of ['A-1', 'A-2']) await post(h, '/nextplus/device', realEvent('device-add', { serial }));
      await post(h, '/nextplus/device', { nonsense: true }); // rejected
      h.clock.advance(5 * 60_000);
      await post(h, '/nextplus/device', realEvent('device-add', { serial: 'A-3' }));
      await ui.login();
      const page = (await ui.get('/console')).html;
      const text = textOf(page);
      expect(text).toMatch('Deliveries per minute, last hour: 3 accepted, 1 rejected');
      expect(text).toMatch('Deliveries per minute, last 24 h (10-minute averages): 4 accepted, 1 rejected');
      expect(page).toMatch('<title>5 min ago: 2 accepted, 1 rejected</title>');
      expect(page).toMatch('<title>this minute: 1 accepted</title>');
      // The hour's chart: one bar of 2 + 1, one of 1, on an axis topped at 5 (a round number).
      const hour = page.slice(page.indexOf('data-chart="last hour"'), page.indexOf('data-chart="last 24 h"'));
      expect([...hour.matchAll(/class="s-(\w+)"/g)].map((m) => m[1])).toEqual(['accepted', 'rejected', 'accepted']);
      expect(hour).toMatch(/<text[^>]*>5<\/text>/);
      const day = page.slice(page.indexOf('data-chart="last 24 h"'), page.indexOf('data-chart="postings per target"'));
      expect(day).toMatch(/<title>3\.0 h ago, 10 min: 1 accepted<\/title>/);
    });

    it('draws p50 and p95 send latency per target: exact for the last hour, from the histogram since the start', async () => {
      await post(h, '/nextplus/device', realEvent('device-add'));
      const [p] = await allPostings(h);
      const now = h.clock.now();
      const attempt = (finishedAt: number, ms: number) => ({ postingId: p!.id, startedAt: finishedAt - ms, finishedAt, outcome: 'transient' });
      // One at a time: D1 takes at most 100 bound values per statement.
      for (let i = 1; i <= 20; i++) await h.db.insert(postingAttempts).values(attempt(now - i * 1000, i * 10));
      await h.db.insert(postingAttempts).values(attempt(now - 2 * 3600_000, 5000)); // older than an hour
      // The histogram /metrics serves, as the ledger keeps it: 15 sends up to 100 ms, 4 up to 250 ms, 1 slower than 30 s.
      for (const [le, value] of [['0.1', 15], ['0.25', 4], ['+Inf', 1]] as const) {
        await h.db.insert(metricCounters).values({ name: 'send_duration_bucket', labels: `target=journal,le=${le}`, value });
      }
      const text = textOf((await ui.get('/console')).html);
      // Nearest rank: the 10th and 19th of the hour's 20 (10 ms … 200 ms); of the histogram's 20, the buckets of the 10th and 19th.
      expect(text).toMatch('Journal (the ledger) — p50 100 ms, p95 190 ms over 20 sends in the last hour; since the ledger began: p50 ≤ 100 ms, p95 ≤ 250 ms over 20 sends');
    });
  });

  describe('console: the day at a glance, per target', () => {
    let d365: FakeD365;
    let h: Harness;
    withFakeD365(make, serveFake, () => ({ ERP_TARGETS: 'd365,journal' }), (t) => ({ d365, h } = t));

    it('splits postings by target, and shows how long the oldest waiting one has waited', async () => {
      d365.failingOrders.set('BAD', { status: 400, body: '{"Message":"Production order BAD is not started"}' });
      for (let i = 1; i <= 2; i++) await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: 'BAD', item: { sku: `S-${i}`, quantity: i } }));
      await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: 'GOOD' }));
      await h.dispatch();
      h.clock.advance(7 * 60_000);
      const ui = new ConsoleClient(h);
      await ui.login();
      const text = textOf((await ui.get('/console')).html);
      expect(text).toMatch('D365 — 1 delivered, 1 failed, 1 held, 0 waiting, 0 cancelled');
      expect(text).toMatch('Journal (the ledger) — 3 delivered, 0 failed, 0 held, 0 waiting, 0 cancelled');
      expect(text).toMatch('D365 — the oldest waiting posting has waited 7 min');
      expect(text).toMatch('Journal (the ledger) — nothing waiting');
      expect(text).toMatch('1 posting failed, 1 held behind them');
    });
  });
}
