// Several bridges on one PostgreSQL ledger (each its own pool, lease and claims): a lane is
// worked by one dispatcher at a time and strictly in order, every posting is claimed once, and
// a dead bridge's claims go back to the others once its lease has ended.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventCommit } from '../../src/store/ledger-store.js';
import type { Lease } from '../../src/store/outbox-store.js';
import { openPgLedger } from '../../src/store/pg-database.js';
import { freshDatabase, pgSkipped } from './pg-harness.js';

type Ledger = Awaited<ReturnType<typeof openPgLedger>>;
const LANES = ['P1', 'P2', 'P3', 'P4'];
const lease = (owner: string, now: number, ttl = 30_000): Lease => ({ owner, kind: 'node', host: 'test', pid: null, startedAt: now, expiresAt: now + ttl });

function commitOf(i: number): EventCommit {
  const order = LANES[i % LANES.length]!;
  return {
    delivery: { id: `dlv_${i}`, receivedAt: 1_000 + i, integration: 'device', eventType: 'add', outcome: 'accepted', status: 200, externalId: `DEV-${i}` },
    postings: [{ target: 'd365', productionOrder: order, messageType: 'ProdProductionOrderStart', content: { n: i }, state: 'queued' }],
    claims: [],
  };
}

describe.skipIf(pgSkipped)('several bridges on one PostgreSQL ledger', () => {
  let bridges: Ledger[] = [];
  let drop: () => Promise<void>;
  beforeEach(async () => {
    const db = await freshDatabase();
    drop = db.drop;
    bridges = await Promise.all([1, 2, 3].map(() => openPgLedger(db.url, { poolSize: 3 })));
  });
  afterEach(async () => {
    await Promise.all(bridges.map((b) => b.close()));
    await drop();
  });

  it('three dispatchers at once: each posting is sent once, one at a time per lane, in order', async () => {
    const [a] = bridges as [Ledger];
    for (let i = 0; i < 40; i++) await a.store.commitEvent(commitOf(i));
    const owners = bridges.map((_, i) => `bridge-${i}`);
    const now = 10_000;
    await Promise.all(bridges.map((b, i) => b.outbox.holdLease(lease(owners[i]!, now), now)));
    const sent: { id: number; lane: string }[] = [];
    for (let round = 0; round < 50; round++) {
      // All three read the same heads, then all three claim them at once, each in one write (as
      // the dispatcher claims a refill): the database must give each posting to one of them.
      const heads = await Promise.all(bridges.map((b) => b.outbox.dueHeads(now, 10)));
      if (heads.every((h) => h.length === 0)) break;
      const claimed = await Promise.all(bridges.map((b, i) => b.outbox.claimMany(heads[i]!.map((h) => h.id), now, owners[i]!)));
      // Never two postings of one lane out at once.
      const sending = (await a.queries.postings({ state: 'sending', limit: 100 })).items.map((p) => p.productionOrder);
      expect(new Set(sending).size).toBe(sending.length);
      sent.push(...claimed.flat().map((p) => ({ id: p.id, lane: p.productionOrder })));
      await Promise.all(
        claimed.map((mine, i) =>
          bridges[i]!.outbox.finishAttempts(
            mine.map((p) => ({ attempt: { postingId: p.id, target: 'd365', owner: owners[i]!, startedAt: now, finishedAt: now, outcome: 'delivered' as const }, result: { state: 'delivered' as const } })),
          ),
        ),
      );
    }
    expect(sent.map((s) => s.id).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const lane of LANES) {
      const ids = sent.filter((s) => s.lane === lane).map((s) => s.id);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
    }
  });

  it("a dead bridge's claims go back to the queue once its lease has ended, not before", async () => {
    const [a, b] = bridges as [Ledger, Ledger];
    await a.store.commitEvent(commitOf(0));
    const now = 10_000;
    await a.outbox.holdLease(lease('dead', now, 30_000), now);
    const [head] = await a.outbox.dueHeads(now, 10);
    expect(await a.outbox.claim(head!.id, now, 'dead')).toBeTruthy();
    // The bridge dies here (its claim stays 'sending'). While its lease lives, it is left alone.
    await b.outbox.holdLease(lease('alive', now + 1_000), now + 1_000);
    expect(await b.outbox.requeueOrphaned(now + 1_000)).toBe(0);
    expect(await b.outbox.dueHeads(now + 1_000, 10)).toEqual([]);
    // Past the lease: another bridge takes the posting back and sends it.
    const later = now + 31_000;
    await b.outbox.holdLease(lease('alive', later), later);
    expect(await b.outbox.requeueOrphaned(later)).toBe(1);
    expect(await b.outbox.claim(head!.id, later, 'alive')).toMatchObject({ state: 'sending', claimedBy: 'alive' });
    // The dead bridge's result, should it come back after all, does not overwrite the new claim.
    await a.outbox.finishAttempt({ postingId: head!.id, target: 'd365', owner: 'dead', startedAt: now, finishedAt: later, outcome: 'delivered' }, { state: 'delivered' });
    expect(await b.outbox.getPosting(head!.id)).toMatchObject({ state: 'sending', claimedBy: 'alive' });
  });

  it('the same delivery committed through two bridges at once is accepted once', async () => {
    const [a, b] = bridges as [Ledger, Ledger];
    const key = [{ key: 'hdr:device:same', expiresAt: null }];
    const one = { ...commitOf(1), claims: key };
    const two = { ...commitOf(2), claims: key };
    const [r1, r2] = await Promise.all([a.store.commitEvent(one), b.store.commitEvent(two)]);
    expect([r1.committed, r2.committed].filter(Boolean)).toHaveLength(1);
    const loser = r1.committed ? r2 : r1;
    const winner = r1.committed ? one : two;
    expect(!loser.committed && loser.owner.externalId).toBe(winner.delivery.externalId);
  });

  it('of the same retry sent through three bridges at once, exactly one is recorded and moves the posting', async () => {
    const [a] = bridges as [Ledger];
    for (let round = 0; round < 10; round++) {
      // A lane of its own each round: the posting retried before stays queued in its lane.
      const commit = commitOf(100 + round);
      await a.store.commitEvent({ ...commit, postings: commit.postings.map((p) => ({ ...p, productionOrder: `R${round}` })) });
      const [head] = await a.outbox.dueHeads(10_000, 1, { lanes: [{ target: 'd365', productionOrder: `R${round}` }] });
      await a.outbox.claim(head!.id, 10_000, 'x');
      await a.outbox.finishAttempt({ postingId: head!.id, target: 'd365', owner: 'x', startedAt: 10_000, finishedAt: 10_000, outcome: 'permanent' }, { state: 'failed', lastError: 'refused' });
      const action = { actor: 'op', at: 20_000 + round, name: 'retry' };
      const moved = await Promise.all(bridges.flatMap((b) => [1, 2, 3].map(() => b.outbox.transition(head!.id, ['failed'], 'queued', action))));
      expect(moved.filter(Boolean)).toHaveLength(1);
      expect((await a.outbox.actionsOf({ postingId: head!.id })).map((x) => [x.action, x.at])).toEqual([['retry', action.at]]);
    }
  });

  it("two bridges committing a never-started order's first deliveries at once write its conditional Start once", async () => {
    for (let round = 0; round < 10; round++) {
      const order = `S${round}`;
      const withStart = (i: number): EventCommit => {
        const c = commitOf(1000 + round * 10 + i);
        const start = { target: 'd365', productionOrder: order, messageType: 'ProdProductionOrderStart', content: { order }, state: 'queued' as const, unlessLaneHas: ['ProdProductionOrderStart'] };
        return { ...c, postings: [start, { ...c.postings[0]!, productionOrder: order, messageType: 'ProdRouteCardJournal' }] };
      };
      await Promise.all(bridges.flatMap((b, i) => [0, 1, 2].map((j) => b.store.commitEvent(withStart(i * 3 + j)))));
      const lane = (await bridges[0]!.queries.postings({ productionOrder: order, limit: 20 })).items;
      expect(lane.filter((p) => p.messageType === 'ProdProductionOrderStart' && !p.reversesPostingId)).toHaveLength(1);
    }
  });
});
