// Nothing is posted twice: sender keys, body fingerprints inside the window, and concurrent
// identical deliveries all end in one event; every duplicate is on record with its original.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realEvent } from '../support/fixtures.js';
import { idOf, allDeliveries, allPostings, post, type Harness, type MakeHarness } from '../support/harness.js';


export function idempotencyCases(make: MakeHarness) {
  describe('idempotency', () => {
    let h: Harness;
    beforeEach(async () => (h = await make({ env: { DEDUPE_WINDOW_SECONDS: '60' } })));
    afterEach(() => h.close());

    it('a repeated body inside the window gets the original answer and no new posting', async () => {
      const body = realEvent('item-attach-add');
      const first = await idOf(await post(h, '/nextplus/item-attach', body));
      h.clock.advance(59_000);
      // Same content, other key order and spacing: the same event.
      const reordered = JSON.stringify(Object.fromEntries(Object.entries(body).reverse()), null, 2);
      const second = await post(h, '/nextplus/item-attach', reordered);
      expect(second.status).toBe(200);
      expect(await idOf(second)).toBe(first);
      expect(await allPostings(h)).toHaveLength(1);
      const rows = await allDeliveries(h);
      const original = rows.find((r) => r.outcome === 'accepted')!;
      expect(rows.find((r) => r.outcome === 'duplicate')).toMatchObject({ duplicateOf: original.id, externalId: first });
    });

    it('bodies that differ only in spacing, Unicode form or null-for-absent are one event inside the window', async () => {
      const nfc = 'Caf\u00e9-SN';
      const nfd = nfc.normalize('NFD');
      expect(nfd).not.toBe(nfc);
      const body = realEvent('item-attach-add', { serial: 'SN' });
      delete body.stockId;
      const item = body.item as Record<string, unknown>;
      // First as NFD: the posting is built from the normalised (NFC) text.
      const first = await idOf(await post(h, '/nextplus/item-attach', { ...body, item: { ...item, sku: nfd } }));
      const variants = [{ serial: 'SN ' }, { stockId: null }, { item: { ...item, sku: ` ${nfc}` } }];
      for (const v of variants) {
        h.clock.advance(1_000);
        const res = await post(h, '/nextplus/item-attach', { ...body, item: { ...item, sku: nfd }, ...v });
        expect(await idOf(res)).toBe(first);
      }
      const ps = await allPostings(h);
      expect(ps).toHaveLength(1);
      expect(JSON.parse(ps[0]!.content).PickingListLines[0].ItemNumber).toBe(nfc);
      const rows = await allDeliveries(h);
      expect(rows.map((r) => r.outcome).sort()).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate']);
    });

    it('the same body after the window is a new event', async () => {
      const body = realEvent('item-attach-add');
      const first = await idOf(await post(h, '/nextplus/item-attach', body));
      h.clock.advance(60_001);
      const second = await idOf(await post(h, '/nextplus/item-attach', body));
      expect(second).not.toBe(first);
      expect(await allPostings(h)).toHaveLength(2);
    });

    it('a window of 0 turns body deduplication off', async () => {
      const off = await make({ env: { DEDUPE_WINDOW_SECONDS: '0' } });
      try {
        const body = realEvent('operation-add');
        await post(off, '/nextplus/operation', body);
        await post(off, '/nextplus/operation', body);
        expect(await allPostings(off)).toHaveLength(2);
      } finally {
        await off.close();
      }
    });

    it('an Idempotency-Key or webhook-id header dedupes the same body for good (another body: sender-key-cases.ts)', async () => {
      const key = { 'idempotency-key': 'np-evt-1' };
      const body = realEvent('device-add');
      const first = await idOf(await post(h, '/nextplus/device', body, { headers: key }));
      h.clock.advance(7 * 24 * 3600_000);
      const again = await post(h, '/nextplus/device', body, { headers: key });
      expect(await idOf(again)).toBe(first);
      const hook = { 'webhook-id': 'msg_1' };
      const other = realEvent('device-add');
      const a = await idOf(await post(h, '/nextplus/device', other, { headers: hook }));
      const b = await idOf(await post(h, '/nextplus/device', other, { headers: hook }));
      expect(a).toBe(b);
      expect(await allPostings(h)).toHaveLength(2);
    });

    it('different bodies with different keys are different events', async () => {
      const body = realEvent('device-add');
      await post(h, '/nextplus/device', body, { headers: { 'idempotency-key': 'k1' } });
      await post(h, '/nextplus/device', body, { headers: { 'idempotency-key': 'k2' } });
      expect(await allPostings(h)).toHaveLength(2);
    });

    it('20 identical deliveries at the same moment make exactly one posting', async () => {
      const body = realEvent('item-attach-add');
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(h, '/nextplus/item-attach', body)));
      expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
      const ids = new Set(await Promise.all(answers.map(idOf)));
      expect(ids.size).toBe(1);
      expect(await allPostings(h)).toHaveLength(1);
      const rows = await allDeliveries(h);
      expect(rows.filter((r) => r.outcome === 'accepted')).toHaveLength(1);
      expect(rows.filter((r) => r.outcome === 'duplicate')).toHaveLength(19);
    });

    it('20 concurrent deliveries with one sender key make exactly one posting', async () => {
      const body = realEvent('device-add');
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(h, '/nextplus/device', body, { headers: { 'webhook-id': 'same' } })));
      expect(new Set(await Promise.all(answers.map(idOf))).size).toBe(1);
      expect(await allPostings(h)).toHaveLength(1);
    });
  });

  describe('test button', () => {
    let h: Harness;
    beforeEach(async () => (h = await make()));
    afterEach(() => h.close());

    it('?test=1 is answered like a real delivery but posts nothing', async () => {
      const res = await post(h, '/nextplus/item-attach', realEvent('item-attach-add'), { query: 'test=1' });
      expect(res.status).toBe(200);
      expect(await idOf(res)).toMatch(/^TEST-ITM-/);
      expect(await allPostings(h)).toEqual([]);
      expect((await allDeliveries(h))[0]!.outcome).toBe('test');
    });

    it('test deliveries are validated like real ones', async () => {
      const res = await post(h, '/nextplus/item-attach', realEvent('item-attach-add', { item: { sku: 'C', quantity: -1 } }), { query: 'test=1' });
      expect(res.status).toBe(400);
    });

    it('a test body never dedupes against the same real body', async () => {
      const body = realEvent('device-add');
      const real = await idOf(await post(h, '/nextplus/device', body));
      const test = await idOf(await post(h, '/nextplus/device', body, { query: 'test=1' }));
      expect(real).toMatch(/^DEV-/);
      expect(test).toMatch(/^TEST-DEV-/);
    });

    it('a test remove can not reverse a real event', async () => {
      const add = await idOf(await post(h, '/nextplus/operation', realEvent('operation-add')));
      const res = await post(h, '/nextplus/operation', realEvent('operation-remove', { externalId: add }), { query: 'test=1' });
      expect(res.status).toBe(200);
      expect((await allPostings(h)).map((p) => p.messageType)).toEqual(['ProdProductionOrderRouteCard']);
    });
  });
}
