// Sender keys (Idempotency-Key, webhook-id) as the IETF Idempotency-Key draft has them: a key is
// scoped to test or real deliveries, the same body again is a duplicate answered like the first,
// and another body under a used key is refused (422) in words naming the key and the first
// delivery, and recorded. Keys claimed by earlier versions keep working.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtures, realEvent } from '../support/fixtures.js';
import { allDeliveries, allPostings, expectRefused, idOf, post, type Harness, type MakeHarness } from '../support/harness.js';

const send = (h: Harness, body: unknown, header: string, key: string, query?: string) => post(h, '/nextplus/item-attach', body, { headers: { [header]: key }, query });

export function senderKeyCases(make: MakeHarness) {
  describe('sender keys', () => {
    let h: Harness;
    beforeEach(async () => (h = await make()));
    afterEach(() => h.close());

    it.each(['idempotency-key', 'webhook-id'])('a Test-button delivery with %s K does not swallow a real delivery with K', async (header) => {
      // The Test button posts the documented sample (its sample ids make it a test).
      const test = await idOf(await send(h, fixtures['item-attach-add'].body, header, 'K-1'));
      expect(test).toMatch(/^TEST-ITM-/);
      const res = await send(h, realEvent('item-attach-add', { serial: 'REAL-1' }), header, 'K-1');
      expect(res.status).toBe(200);
      expect(await idOf(res)).toMatch(/^ITM-/);
      expect(await allPostings(h)).toHaveLength(1);
      expect((await allDeliveries(h)).map((d) => d.outcome).sort()).toEqual(['accepted', 'test']);
      // Nor the other way round: a ?test=1 delivery after a real one with the same key is a test.
      await send(h, realEvent('item-attach-add'), header, 'K-2');
      expect(await idOf(await send(h, realEvent('item-attach-add'), header, 'K-2', 'test=1'))).toMatch(/^TEST-ITM-/);
      expect(await allPostings(h)).toHaveLength(2);
    });

    it('a key reused with another body is refused (422) naming the key and the first delivery, and recorded', async () => {
      const first = await idOf(await send(h, realEvent('item-attach-add'), 'idempotency-key', 'K-3'));
      h.clock.advance(90 * 60_000);
      const other = realEvent('item-attach-add', { serial: 'OTHER' });
      const message = await expectRefused(await send(h, other, 'idempotency-key', 'K-3'), 422);
      expect(message).toBe(
        `Idempotency-Key 'K-3' was already used at 2026-03-04 10:00:00 UTC for delivery ${first} with a different body. Send a new key for a new event; resend the same body to get the first answer.`,
      );
      expect((await allDeliveries(h))[0]).toMatchObject({ outcome: 'rejected', status: 422, message, serial: 'OTHER' });
      await expectRefused(await send(h, other, 'webhook-id', 'K-3'), 422, /^webhook-id 'K-3' was already used/);
      expect(await allPostings(h)).toHaveLength(1);
    });

    it('the same key with the same body (however spaced or ordered) is a duplicate answered like the first', async () => {
      const body = realEvent('item-attach-add');
      const first = await idOf(await send(h, body, 'idempotency-key', 'K-4'));
      h.clock.advance(24 * 3600_000);
      const respaced = JSON.stringify({ ...Object.fromEntries(Object.entries(body).reverse()), serial: ` ${body.serial as string} ` }, null, 2);
      const again = await send(h, respaced, 'idempotency-key', 'K-4');
      expect(again.status).toBe(200);
      expect(await idOf(again)).toBe(first);
      expect(await allPostings(h)).toHaveLength(1);
      expect((await allDeliveries(h))[0]).toMatchObject({ outcome: 'duplicate', externalId: first });
    });

    it('50 different bodies under one key: 1 posting, 49 refused with 422, all 50 on record', async () => {
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => send(h, realEvent('item-attach-add', { serial: `S${i}` }), 'idempotency-key', 'K-50')));
      expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
      expect(answers.filter((r) => r.status === 422)).toHaveLength(49);
      expect(await allPostings(h)).toHaveLength(1);
      const rows = await allDeliveries(h);
      expect(rows).toHaveLength(50);
      const [accepted, ...others] = [...rows].sort((a, b) => (a.outcome === 'accepted' ? -1 : b.outcome === 'accepted' ? 1 : 0));
      expect(accepted!.outcome).toBe('accepted');
      for (const r of others) {
        expect(r).toMatchObject({ outcome: 'rejected', status: 422 });
        expect(r.message).toContain(`Idempotency-Key 'K-50' was already used`);
        expect(r.message).toContain(`for delivery ${accepted!.externalId} `);
      }
    });

    it('a key claimed by an earlier version (its old form, no body on record) still dedupes, whatever the body', async () => {
      // What an earlier version wrote for a real delivery with Idempotency-Key K-old: hdr:<endpoint>:<key>.
      const old = { id: 'dlv_before_upgrade', receivedAt: h.clock.now(), source: 'nextplus', integration: 'item-attach', outcome: 'accepted', status: 200, externalId: 'ITM-BEFORE' };
      await h.store.commitEvent({ delivery: old, postings: [], claims: [{ key: 'hdr:item-attach:K-old', expiresAt: null }] });
      const res = await send(h, realEvent('item-attach-add', { serial: 'CHANGED' }), 'idempotency-key', 'K-old');
      expect(res.status).toBe(200);
      expect(await idOf(res)).toBe('ITM-BEFORE');
      expect((await allDeliveries(h))[0]).toMatchObject({ outcome: 'duplicate', duplicateOf: old.id });
      // A real delivery's old claim does not swallow a test delivery with that key.
      expect(await idOf(await send(h, realEvent('item-attach-add'), 'idempotency-key', 'K-old', 'test=1'))).toMatch(/^TEST-ITM-/);
      expect(await allPostings(h)).toEqual([]);
    });
  });
}
