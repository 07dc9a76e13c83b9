// The ledger store's contract, the same on every runtime: a group of writes is atomic, and of
// concurrent commits claiming one key exactly one lands; the others learn who holds it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventCommit } from '../../src/store/ledger-store.js';
import { allDeliveries, allPostings, type Harness, type MakeHarness } from '../support/harness.js';

let n = 0;
function commitOf(claims: EventCommit['claims'], receivedAt = 1_000): EventCommit {
  const id = `dlv_store_${++n}`;
  return {
    delivery: { id, receivedAt, integration: 'device', eventType: 'add', outcome: 'accepted', status: 200, externalId: `DEV-${n}` },
    postings: [{ target: 'd365', productionOrder: 'P1', messageType: 'ProdProductionOrderStart', content: { ProductionOrderNumber: 'P1' }, state: 'queued' }],
    claims,
  };
}

export function storeCases(make: MakeHarness) {
  describe('ledger store', () => {
    let h: Harness;
    beforeEach(async () => (h = await make()));
    afterEach(() => h.close());

    it('of concurrent commits claiming one key, exactly one lands', async () => {
      const commits = Array.from({ length: 20 }, () => commitOf([{ key: 'fp:same', expiresAt: 5_000 }]));
      const results = await Promise.all(commits.map((c) => h.store.commitEvent(c)));
      const won = results.filter((r) => r.committed);
      expect(won).toHaveLength(1);
      const winner = commits[results.indexOf(won[0]!)]!.delivery.id;
      for (const r of results) if (!r.committed) expect(r.owner.id).toBe(winner);
      expect(await allPostings(h)).toHaveLength(1);
      expect(await allDeliveries(h)).toHaveLength(1);
    });

    it('a lost claim writes nothing at all', async () => {
      await h.store.commitEvent(commitOf([{ key: 'hdr:x', expiresAt: null }]));
      const loser = commitOf([{ key: 'rev:other', expiresAt: null }, { key: 'hdr:x', expiresAt: null }]);
      expect((await h.store.commitEvent(loser)).committed).toBe(false);
      expect(await h.store.findKeyOwner(['rev:other'], 0)).toBeUndefined();
      expect(await h.store.getDelivery(loser.delivery.id)).toBeUndefined();
    });

    it('a write that fails late in the group takes the earlier ones back with it', async () => {
      const broken = commitOf([{ key: 'hdr:atomic', expiresAt: null }]);
      // The posting comes after the claim and the delivery; NOT NULL makes it fail.
      broken.postings = [{ ...broken.postings[0]!, messageType: null as unknown as string }];
      await expect(h.store.commitEvent(broken)).rejects.toThrow();
      expect(await h.store.findKeyOwner(['hdr:atomic'], 0)).toBeUndefined();
      expect(await h.store.getDelivery(broken.delivery.id)).toBeUndefined();
    });

    it('an expired claim makes way for a new one', async () => {
      const first = commitOf([{ key: 'fp:k', expiresAt: 2_000 }], 1_000);
      await h.store.commitEvent(first);
      expect((await h.store.findKeyOwner(['fp:k'], 1_999))?.id).toBe(first.delivery.id);
      expect(await h.store.findKeyOwner(['fp:k'], 2_000)).toBeUndefined();
      const later = commitOf([{ key: 'fp:k', expiresAt: 9_000 }], 2_000);
      expect(await h.store.commitEvent(later)).toEqual({ committed: true });
    });

    it('keeps a generated setting for good', async () => {
      expect(await h.store.keepSetting('ingest_token', 'first')).toBe('first');
      expect(await h.store.keepSetting('ingest_token', 'second')).toBe('first');
    });
  });
}
