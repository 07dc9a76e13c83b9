// The admin API: token required, filters and paging, readable errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { postings } from '../../src/store/schema.js';
import { ConsoleClient } from '../support/console-client.js';
import { realEvent } from '../support/fixtures.js';
import { ADMIN_TEST_TOKEN, post, type Harness, type MakeHarness } from '../support/harness.js';

export function adminApiCases(make: MakeHarness) {
  describe('admin API', () => {
    let h: Harness;
    const admin = { authorization: `Bearer ${ADMIN_TEST_TOKEN}` };
    const get = async (path: string) => {
      const res = await h.request(`/admin/api${path}`, { headers: admin });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };

    beforeEach(async () => {
      h = await make();
      await post(h, '/nextplus/device', realEvent('device-add', { workorderExternalId: 'P1', serial: 'S1' }));
      h.clock.advance(1000);
      await post(h, '/nextplus/operation', realEvent('operation-add', { workorderExternalId: 'P2', serial: 'S2' }));
      h.clock.advance(1000);
      await post(h, '/nextplus/device', realEvent('device-add', { sku: 7 }));
    });
    afterEach(() => h.close());

    it('needs the admin token as a Bearer header (the ingest token is not enough, and no token in the URL)', async () => {
      expect((await h.request('/admin/api/summary')).status).toBe(401);
      expect((await h.request('/admin/api/summary', { headers: { authorization: `Bearer ${h.token}` } })).status).toBe(401);
      const inUrl = await h.request(`/admin/api/summary?token=${ADMIN_TEST_TOKEN}`);
      expect(inUrl.status).toBe(401);
      expect(((await inUrl.json()) as { message: string }).message).toMatch('Authorization: Bearer <token> (not in the URL)');
      expect((await h.request('/admin/api/summary', { headers: admin })).status).toBe(200);
    });

    it('summarises postings and deliveries, each target\'s health and each integration\'s last delivery', async () => {
      const { body } = await get('/summary');
      const { integrations, ...rest } = body;
      expect(rest).toEqual({
        connector: 'journal',
        targets: [{ name: 'journal', label: 'Journal (the ledger)', healthy: true, lastSuccessAt: null, failingSince: null, consecutiveFailures: 0, lastError: null, nextRetryAt: null }],
        postings: { delivered: 2 },
        postingsByTarget: { journal: { delivered: 2 } },
        deliveries: { accepted: 2, rejected: 1 },
        oldestWaitingSince: null,
        unmapped: [], // the MES users D365_WORKER_MAP lacks: none reported yet
      });
      expect(integrations).toHaveLength(14);
      expect(integrations.find((i: any) => i.integration === 'device')).toEqual({ source: 'nextplus', integration: 'device', lastReceivedAt: expect.any(Number), lastHour: 2 });
      expect(integrations.find((i: any) => i.integration === 'item-attach')).toEqual({ source: 'nextplus', integration: 'item-attach', lastReceivedAt: null, lastHour: 0 });
    });

    it('lists events newest first with filters and a cursor', async () => {
      const all = await get('/events');
      expect(all.body.items.map((e: any) => e.outcome)).toEqual(['rejected', 'accepted', 'accepted']);
      expect((await get('/events?outcome=accepted&integration=operation')).body.items.map((e: any) => e.serial)).toEqual(['S2']);
      expect((await get('/events?productionOrder=P1')).body.items).toHaveLength(1);
      expect((await get('/events?serial=S1')).body.items[0].event.serial).toBe('S1');
      const page1 = await get('/events?limit=2');
      expect(page1.body.items).toHaveLength(2);
      const page2 = await get(`/events?limit=2&before=${encodeURIComponent(page1.body.next)}`);
      expect(page2.body.items.map((e: any) => e.serial)).toEqual(['S1']);
      const from = new Date(h.clock.now() - 500).toISOString();
      expect((await get(`/events?from=${from}`)).body.items).toHaveLength(1);
    });

    it('shows an event with its postings', async () => {
      const [op] = (await get('/events?integration=operation')).body.items;
      const detail = await get(`/events/${op.id}`);
      expect(detail.body.postings.map((p: any) => [p.messageType, p.content.ProductionOrderNumber])).toEqual([['ProdProductionOrderRouteCard', 'P2']]);
      expect((await get('/events/dlv_nope')).status).toBe(404);
      const lost = await get('/nothing-here');
      expect(lost).toMatchObject({ status: 404, body: { message: expect.stringMatching('The admin API and its routes are described at /docs') } });
    });

    it('lists postings by state, order and integration', async () => {
      expect((await get('/postings?integration=device')).body.items.map((p: any) => p.productionOrder)).toEqual(['P1']);
      expect((await get('/postings?state=failed')).body.items).toEqual([]);
      expect((await get('/postings/999')).status).toBe(404);
    });

    it('explains bad filters in words', async () => {
      const res = await get('/postings?state=lost&limit=0');
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/state must be queued, sending, delivered, failed, held or cancelled.*limit must be at least 1/);
    });

    it('refuses actions that do not fit the state', async () => {
      const [p] = (await get('/postings')).body.items;
      const res = await h.request(`/admin/api/postings/${p.id}/cancel`, { method: 'POST', headers: admin });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { message: string }).message).toBe(`Posting ${p.id} is delivered; only failed, queued, held postings can be cancelled.`);
    });

    it('20 retries of one failed posting at once (API and console): one is recorded and queues it, the others are told it is already queued; it is sent once', async () => {
      const [p] = (await get('/postings?integration=device')).body.items;
      await h.db.update(postings).set({ state: 'failed', lastError: 'HTTP 400: refused' }).where(eq(postings.id, p.id));
      const ui = new ConsoleClient(h);
      await ui.login();
      const csrf = await ui.csrf();
      const [api, consoles] = await Promise.all([
        Promise.all(Array.from({ length: 10 }, () => h.request(`/admin/api/postings/${p.id}/retry`, { method: 'POST', headers: admin }))),
        Promise.all(Array.from({ length: 10 }, () => ui.post(`/console/postings/${p.id}/retry`, { _csrf: csrf }))),
      ]);
      const refused = [
        ...(await Promise.all(api.filter((r) => r.status !== 200).map(async (r) => `${r.status} ${((await r.json()) as { message: string }).message}`))),
        ...consoles.filter((page) => /error=/.test(page.location ?? '')).map((page) => `console ${decodeURIComponent(page.location!.split('error=')[1]!)}`),
      ];
      expect(refused).toHaveLength(19);
      for (const r of refused) expect(r).toMatch(new RegExp(`^(409|console) Posting ${p.id} is already queued to be sent now; nothing to retry\\.$`));
      const actions = (await get(`/postings/${p.id}`)).body.actions;
      expect(actions.map((a: any) => a.action)).toEqual(['retry']);
      await h.dispatch();
      const after = (await get(`/postings/${p.id}`)).body;
      expect(after.posting.state).toBe('delivered');
      expect(after.attempts).toHaveLength(1);
      // Once delivered, a retry says so and records nothing either.
      const late = await h.request(`/admin/api/postings/${p.id}/retry`, { method: 'POST', headers: admin });
      expect(late.status).toBe(409);
      expect((await get(`/postings/${p.id}`)).body.actions).toHaveLength(1);
    });

    it('retries a whole order and posts a duplicate anyway, or says why not', async () => {
      const order = await h.request('/admin/api/orders/P1/retry', { method: 'POST', headers: admin });
      expect(order.status).toBe(409);
      expect(((await order.json()) as { message: string }).message).toBe('Production order P1 has no failed postings to retry.');
      const [accepted] = (await get('/events?outcome=accepted')).body.items;
      const notDup = await h.request(`/admin/api/events/${accepted.id}/post-anyway`, { method: 'POST', headers: admin });
      expect(notDup.status).toBe(409);
      const body = realEvent('device-add', { workorderExternalId: 'P7', serial: 'S7' });
      await post(h, '/nextplus/device', body);
      await post(h, '/nextplus/device', body);
      const [dup] = (await get('/events?outcome=duplicate')).body.items;
      const res = await h.request(`/admin/api/events/${dup.id}/post-anyway`, { method: 'POST', headers: { ...admin, 'x-actor': 'ops' } });
      expect(await res.json()).toEqual({ created: 1 });
      expect((await get(`/events/${dup.id}`)).body.postings.map((p: any) => [p.productionOrder, p.state])).toEqual([['P7', 'delivered']]);
    });
  });
}
