// The D365 connector and the outbox end to end, against a fake D365 + Entra ID: per-order
// sequence, holds, retries, operator fixes and sync mode behave the same on every runtime.
import { afterEach, describe, expect, it } from 'vitest';
import { realEvent } from '../support/fixtures.js';
import type { FakeD365, ServedFake } from '../support/fake-d365.js';
import { ADMIN_TEST_TOKEN, allPostings, idOf, post, type Harness, type MakeHarness } from '../support/harness.js';
import { withFakeD365, type WithFakeD365 } from '../support/with-fake-d365.js';

export function d365DeliveryCases(make: MakeHarness, serveFake: () => Promise<ServedFake>) {
  let d365: FakeD365;
  let h: Harness;
  let makeWith: WithFakeD365['makeWith'];
  withFakeD365(make, serveFake, () => ({ RETRY_BASE_MS: '1000', RETRY_MAX_MS: '60000', RETRY_HORIZON_MS: String(3600_000) }), (t) => ({ d365, h, makeWith } = t));

  const states = async () => (await allPostings(h)).map((p) => p.state);
  const run = () => h.dispatch();

  describe('D365 connector', () => {
    it('delivers each translation row as a valid SendMessage, reversals included', async () => {
      await post(h, '/nextplus/device', realEvent('device-add'));
      const item = await idOf(await post(h, '/nextplus/item-attach', realEvent('item-attach-add')));
      const op = await idOf(await post(h, '/nextplus/operation', realEvent('operation-add')));
      expect(await states()).toEqual(['queued', 'queued', 'queued']);
      await run();
      await post(h, '/nextplus/item-attach', realEvent('item-attach-remove', { item: { sku: 'COMPONENT-SKU', quantity: 5, externalId: item } }));
      await post(h, '/nextplus/operation', realEvent('operation-remove', { externalId: op }));
      await run();
      expect(d365.received.map((r) => [r.company, r.type, r.order])).toEqual([
        ['USMF', 'ProdProductionOrderStart', 'ERP-WO-123'],
        ['USMF', 'ProdProductionOrderPickingList', 'ERP-WO-123'],
        ['USMF', 'ProdProductionOrderRouteCard', 'ERP-WO-123'],
        ['USMF', 'ProdProductionOrderPickingList', 'ERP-WO-123'],
        ['USMF', 'ProdProductionOrderRouteCard', 'ERP-WO-123'],
      ]);
      expect((d365.received[3]!.content.PickingListLines as { ConsumptionBOMQuantity: number }[])[0]!.ConsumptionBOMQuantity).toBe(-5);
      expect(await states()).toEqual(Array(5).fill('delivered'));
    });

    it('fetches one token, reuses it, and refreshes it once on a 401', async () => {
      for (let i = 0; i < 3; i++) await post(h, '/nextplus/device', realEvent('device-add'));
      await run();
      expect(d365.tokenRequests).toBe(1);
      d365.revokeTokens();
      await post(h, '/nextplus/device', realEvent('device-add'));
      await run();
      expect(d365.tokenRequests).toBe(2);
      expect(d365.received).toHaveLength(4);
    });

    it('an outage loses nothing and keeps each order in sequence', async () => {
      d365.outage = { status: 503 };
      for (const order of ['A', 'B']) {
        for (let i = 1; i <= 3; i++) await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: order, item: { sku: `${order}${i}`, quantity: i } }));
      }
      await run();
      expect(d365.received).toEqual([]);
      const [first] = await allPostings(h);
      expect(first).toMatchObject({ state: 'queued', attempts: 1 });
      expect(first!.lastError).toMatch('HTTP 503');
      expect(first!.nextAttemptAt! - h.clock.now()).toBeGreaterThanOrEqual(500);
      d365.outage = undefined;
      h.clock.advance(2_000);
      await run();
      expect(d365.itemsOf('A')).toEqual(['A1', 'A2', 'A3']);
      expect(d365.itemsOf('B')).toEqual(['B1', 'B2', 'B3']);
      expect(await states()).toEqual(Array(6).fill('delivered'));
    });

    it('a D365 that does not answer in time is retried later', async () => {
      const slow = await makeWith({ D365_TIMEOUT_MS: '1000' });
      try {
        d365.nextFailures.push({ status: 200, delayMs: 1500 });
        await post(slow, '/nextplus/device', realEvent('device-add'));
        await slow.dispatch();
        const [p] = await allPostings(slow);
        expect(p).toMatchObject({ state: 'queued', attempts: 1 });
        expect(p!.lastError).toBe('no answer from D365 within 1000 ms');
        slow.clock.advance(5_000);
        await slow.dispatch();
        expect((await allPostings(slow))[0]!.state).toBe('delivered');
      } finally {
        await slow.close();
      }
    });

    it('honours Retry-After on 429', async () => {
      d365.nextFailures.push({ status: 429, retryAfter: '120' });
      await post(h, '/nextplus/device', realEvent('device-add'));
      await run();
      const [p] = await allPostings(h);
      expect(p!.nextAttemptAt! - h.clock.now()).toBeGreaterThanOrEqual(120_000);
      h.clock.advance(60_000);
      await run();
      expect(d365.received).toHaveLength(0);
      h.clock.advance(61_000);
      await run();
      expect(d365.received).toHaveLength(1);
    });

    it('a rejected posting fails and holds its order while other orders flow; retry after an edit delivers it', async () => {
      d365.failingOrders.set('BAD', { status: 400, body: '{"Message":"Production order BAD does not exist"}' });
      await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: 'BAD' }));
      await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: 'BAD', item: { sku: 'LATER', quantity: 1 } }));
      await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: 'GOOD' }));
      await run();
      expect(await states()).toEqual(['failed', 'held', 'delivered']);
      const [failed] = await allPostings(h);
      expect(failed!.lastError).toMatch('does not exist');

      const admin = { authorization: `Bearer ${ADMIN_TEST_TOKEN}`, 'x-actor': 'jane' };
      const detail = await (await h.request(`/admin/api/postings/${failed!.id}`, { headers: admin })).json() as { attempts: { httpStatus: number; response: string }[] };
      expect(detail.attempts).toMatchObject([{ httpStatus: 400, response: expect.stringContaining('does not exist') }]);

      const content = { ...JSON.parse(failed!.content), ProductionOrderNumber: 'GOOD' };
      const bad = await h.request(`/admin/api/postings/${failed!.id}/content`, { method: 'PUT', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ content: { ...content, Bogus: 1 } }) });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { message: string }).message).toMatch('Bogus is not a field D365 knows');
      const edit = await h.request(`/admin/api/postings/${failed!.id}/content`, { method: 'PUT', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ content }) });
      expect(edit.status).toBe(200);
      const retry = await h.request(`/admin/api/postings/${failed!.id}/retry`, { method: 'POST', headers: admin });
      expect(retry.status).toBe(200);
      await run();
      expect(await states()).toEqual(['delivered', 'failed', 'delivered']); // the held one was for BAD too
      const actions = await h.outbox.actionsOf({ postingId: failed!.id });
      expect(actions.map((a) => [a.action, a.actor])).toEqual([['edit', 'jane'], ['retry', 'jane']]);
    });

    it('cancel releases the order; re-queue puts a cancelled posting back', async () => {
      d365.failingOrders.set('P9', { status: 422 });
      await post(h, '/nextplus/device', realEvent('device-add', { workorderExternalId: 'P9' }));
      await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: 'P9' }));
      await run();
      expect(await states()).toEqual(['failed', 'held']);
      const [first] = await allPostings(h);
      const admin = { authorization: `Bearer ${ADMIN_TEST_TOKEN}` };
      expect((await h.request(`/admin/api/postings/${first!.id}/requeue`, { method: 'POST', headers: admin })).status).toBe(409);
      expect((await h.request(`/admin/api/postings/${first!.id}/cancel`, { method: 'POST', headers: admin })).status).toBe(200);
      expect(await states()).toEqual(['cancelled', 'queued']);
      d365.failingOrders.clear();
      await run();
      expect(await states()).toEqual(['cancelled', 'delivered']);
      expect((await h.request(`/admin/api/postings/${first!.id}/requeue`, { method: 'POST', headers: admin })).status).toBe(200);
      await run();
      expect(await states()).toEqual(['delivered', 'delivered']);
    });

    it('gives up after the retry horizon and says why', async () => {
      d365.outage = { status: 500 };
      await post(h, '/nextplus/device', realEvent('device-add'));
      for (let i = 0; i < 100 && (await states())[0] !== 'failed'; i++) {
        await run();
        h.clock.advance(61_000);
      }
      const [p] = await allPostings(h);
      expect(p!.state).toBe('failed');
      expect(p!.lastError).toMatch(/^gave up after \d+ attempts over [\d.]+ h: HTTP 500/);
      expect(p!.attempts).toBeGreaterThan(50);
    });

    it('a remove of a posting that was never sent cancels both instead of sending them', async () => {
      const added = await idOf(await post(h, '/nextplus/operation', realEvent('operation-add')));
      await post(h, '/nextplus/operation', realEvent('operation-remove', { externalId: added }));
      expect(await states()).toEqual(['cancelled', 'cancelled']);
      await run();
      expect(d365.sendRequests).toBe(0);
    });

    it('a posting cut off mid-send is sent again once its sender is gone', async () => {
      await post(h, '/nextplus/device', realEvent('device-add'));
      const [p] = await allPostings(h);
      const now = h.clock.now();
      await h.outbox.holdLease({ owner: 'gone', kind: 'node', host: 'h', pid: null, startedAt: now, expiresAt: now + 30_000 }, now);
      await h.outbox.claim(p!.id, now, 'gone'); // the process died while sending
      await run();
      expect(d365.received).toEqual([]); // its lease still runs: it may yet finish the send
      h.clock.advance(30_000); // the lease lapses: nobody renews it
      await run();
      expect(d365.received).toHaveLength(1);
      expect(await states()).toEqual(['delivered']);
    });

    it('a posting another live dispatcher is sending is left alone', async () => {
      await post(h, '/nextplus/device', realEvent('device-add'));
      const [p] = await allPostings(h);
      const now = h.clock.now();
      await h.outbox.holdLease({ owner: 'busy', kind: 'node', host: 'h', pid: null, startedAt: now, expiresAt: now + 3600_000 }, now);
      await h.outbox.claim(p!.id, now, 'busy');
      for (let i = 0; i < 3; i++) {
        h.clock.advance(600_000);
        await run();
      }
      expect(d365.sendRequests).toBe(0);
      expect(await states()).toEqual(['sending']);
    });
  });

  describe('sync delivery mode', () => {
    let s: Harness;
    afterEach(() => s.close());

    it('answers after D365 accepted, and turns a D365 rejection into the operator message', async () => {
      s = await makeWith({ DELIVERY_MODE: 'sync', SYNC_TIMEOUT_MS: '3000' });
      const ok = await post(s, '/nextplus/device', realEvent('device-add'));
      expect(ok.status).toBe(200);
      expect(d365.received).toHaveLength(1);
      d365.failingOrders.set('NOPE', { status: 400, body: '{"Message":"Production order NOPE is not started"}' });
      const res = await post(s, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: 'NOPE' }));
      expect(res.status).toBe(422);
      expect(((await res.json()) as { message: string }).message).toMatch(/D365 rejected the ProdProductionOrderPickingList for production order NOPE: HTTP 400: .*not started/);
      const ps = await allPostings(s);
      expect(ps.map((p) => p.state)).toEqual(['delivered', 'cancelled']);
    });

    it('answers success once the timeout passes during an outage; the event stays queued', async () => {
      s = await makeWith({ DELIVERY_MODE: 'sync', SYNC_TIMEOUT_MS: '300' });
      d365.outage = { status: 503 };
      const res = await post(s, '/nextplus/device', realEvent('device-add'));
      expect(res.status).toBe(200);
      expect((await allPostings(s)).map((p) => p.state)).toEqual(['queued']);
    });
  });
}
