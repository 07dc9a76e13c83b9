// RETENTION_DAYS: what is only history goes (duplicates, tests, rejections, attempt logs of
// finished postings, raw bodies of finished events, expired keys); nothing unfinished does, and
// the compact record stays, so an old event can still be removed and reversed months later.
import { describe, expect, it } from 'vitest';
import { postingAttempts } from '../../src/store/schema.js';
import type { FakeD365, ServedFake } from '../support/fake-d365.js';
import { realEvent } from '../support/fixtures.js';
import { allDeliveries, allPostings, idOf, post, type Harness, type MakeHarness } from '../support/harness.js';
import { withFakeD365, type WithFakeD365 } from '../support/with-fake-d365.js';

const DAY = 86_400_000;

export function retentionCases(make: MakeHarness, serveFake: () => Promise<ServedFake>) {
  describe('retention', () => {
    let d365: FakeD365;
    let h: Harness;
    let makeWith: WithFakeD365['makeWith'];
    withFakeD365(make, serveFake, () => ({ RETENTION_DAYS: '2', RETRY_BASE_MS: '1000' }), (t) => ({ d365, h, makeWith } = t));

    const byId = async () => new Map((await allDeliveries(h)).map((d) => [d.externalId ?? d.id, d]));

    it('purges history older than RETENTION_DAYS and keeps everything unfinished and the compact record', async () => {
      d365.failingOrders.set('BAD', { status: 400, body: '{"Message":"Production order BAD is not started"}' });
      const body = realEvent('device-add');
      const delivered = await idOf(await post(h, '/nextplus/device', body));
      await post(h, '/nextplus/device', body); // a duplicate
      await post(h, '/nextplus/device', realEvent('device-add', { sku: 42 })); // rejected
      const test = await idOf(await post(h, '/nextplus/device', realEvent('device-add'), { query: 'test=1' }));
      const attach = await idOf(await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { item: { sku: 'KEEP', quantity: 3 } })));
      const failed = await idOf(await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: 'BAD', item: { sku: 'F', quantity: 1 } })));
      const held = await idOf(await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { workorderExternalId: 'BAD', item: { sku: 'H', quantity: 1 } })));
      await h.dispatch();
      expect((await allPostings(h)).map((p) => p.state)).toEqual(['delivered', 'delivered', 'failed', 'held']);
      expect(await h.db.select().from(postingAttempts)).toHaveLength(3);

      h.clock.advance(DAY); // younger than the retention: nothing goes
      await h.dispatch();
      expect(await allDeliveries(h)).toHaveLength(7);

      h.clock.advance(2 * DAY);
      await h.dispatch();
      const rows = await byId();
      expect([...rows.values()].map((d) => d.outcome).sort()).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
      expect(rows.has(test)).toBe(false);
      // Finished events keep their record but not their raw body; unfinished ones keep everything.
      expect(rows.get(delivered)).toMatchObject({ rawBody: null, eventType: 'add', subject: delivered });
      expect(rows.get(delivered)!.event).toContain('"serial"');
      expect(rows.get(attach)!.rawBody).toBeNull();
      expect(rows.get(failed)!.rawBody).toContain('"F"');
      expect(rows.get(held)!.rawBody).toContain('"H"');
      expect((await allPostings(h)).map((p) => p.state)).toEqual(['delivered', 'delivered', 'failed', 'held']);
      const attempts = await h.db.select().from(postingAttempts);
      expect(attempts.map((a) => a.outcome)).toEqual(['permanent']); // only the failed posting's

      // Months later the attach is taken back: the compact record is enough to reverse it.
      h.clock.advance(90 * DAY);
      const removed = await post(h, '/nextplus/item-attach', realEvent('item-attach-remove', { item: { sku: 'KEEP', quantity: 3, externalId: attach } }));
      expect(removed.status).toBe(200);
      await h.dispatch();
      const reversal = d365.received.at(-1)!;
      expect((reversal.content.PickingListLines as { ItemNumber: string; ConsumptionBOMQuantity: number }[])[0]).toMatchObject({ ItemNumber: 'KEEP', ConsumptionBOMQuantity: -3 });
    });

    it('a purged test delivery takes its Idempotency-Key with it: the key can be used again, not answered 500', async () => {
      const headers = { 'idempotency-key': 'TEST-KEY-1' };
      const first = await post(h, '/nextplus/device', realEvent('device-add'), { query: 'test=1', headers });
      expect(first.status).toBe(200);
      h.clock.advance(3 * DAY);
      await h.dispatch(); // purges the test delivery
      expect(await allDeliveries(h)).toHaveLength(0);
      const again = await post(h, '/nextplus/device', realEvent('device-add'), { query: 'test=1', headers });
      expect(again.status).toBe(200);
      expect(await idOf(again)).toMatch(/^TEST-/);
    });

    it('keeps everything with RETENTION_DAYS=0', async () => {
      const forever = await makeWith({ RETENTION_DAYS: '0' });
      try {
        const body = realEvent('device-add');
        await post(forever, '/nextplus/device', body);
        await post(forever, '/nextplus/device', body);
        forever.clock.advance(3650 * DAY);
        await forever.dispatch();
        expect((await allDeliveries(forever)).map((d) => d.outcome).sort()).toEqual(['accepted', 'duplicate']);
        expect((await allDeliveries(forever)).every((d) => d.rawBody !== null)).toBe(true);
      } finally {
        await forever.close();
      }
    });
  });
}
