// Three built bridges (node dist/node.js) on one PostgreSQL database, a burst spread over them
// round-robin, one killed -9 mid-burst and its requests sent again to the next bridge (as a load
// balancer would): nothing acknowledged is lost, each production order arrives in order, and
// only the postings the dead bridge had in flight may reach D365 twice — once its lease has
// ended, not before. SLOW (about 35 s): the dead bridge's lease (30 s) is waited out.
import { describe, expect, it } from 'vitest';
import { stop } from '../support/fault-fixture.js';
import { expectDeliveredInOrder } from '../support/item-burst.js';
import { stopBridge } from '../support/spawn-bridge.js';
import { drainedPg, onLedger, pgBridgeFixture, spreadBurst } from './bridges-on-pg.js';
import { freshDatabase, pgSkipped } from './pg-harness.js';

const report = (...lines: unknown[]) => process.env.FAULT_REPORT && console.log(...lines);
const { fakeD365, startBridges, afterBridges } = pgBridgeFixture();

describe.skipIf(pgSkipped)('three bridges on one PostgreSQL, one killed -9 mid-burst', () => {
  it('every acknowledged delivery reaches D365 in order; the dead bridge’s claims are taken over after its lease, at most those sent twice', { timeout: 90_000 }, async () => {
    const db = await freshDatabase();
    afterBridges(db.drop);
    const fake = await fakeD365(30);
    const bridges = await startBridges(3, fake, db.url);
    const victim = bridges[1]!;
    const ORDERS = 12;
    const PER_ORDER = 10; // 120 events
    const KILL_AT = 50;

    let atKill: { wallClock: number; acked: number; owner: string; leaseEnds: number; inFlight: number[]; receivedByD365: number } | undefined;
    let killed: Promise<void> | undefined;
    const kill = async (acked: number) => {
      await stopBridge(victim.child, 'SIGKILL');
      const wallClock = Date.now();
      const [lease] = await onLedger<{ owner: string; expires_at: string }>(db.url, "SELECT owner, expires_at FROM leases WHERE kind = 'node' AND pid = $1", [victim.child.pid]);
      const sending = await onLedger<{ id: string }>(db.url, "SELECT id FROM postings WHERE state = 'sending' AND claimed_by = $1", [lease!.owner]);
      atKill = { wallClock, acked, owner: lease!.owner, leaseEnds: Number(lease!.expires_at), inFlight: sending.map((r) => Number(r.id)), receivedByD365: fake.received.length };
    };

    const t0 = performance.now();
    const result = await spreadBurst({
      prefix: 'M',
      orders: ORDERS,
      perOrder: PER_ORDER,
      // The dead bridge stays in the rotation: its refused connections go to the next one.
      urls: () => bridges.map((b) => b.urls['Item Attach']!),
      onAck: (n) => {
        if (n === KILL_AT) killed = kill(n);
      },
    });
    await killed;
    const burstMs = Math.round(performance.now() - t0);
    expect(atKill, 'the kill happened mid-burst').toBeDefined();
    expect(atKill!.acked).toBeLessThan(result.count);

    // Slow part: the dead bridge's claims wait for its lease to end (up to 30 s).
    const done = await drainedPg(fake, db.url, result.acked, { timeoutMs: 50_000 });
    const drainMs = Math.round(performance.now() - t0) - burstMs;
    const t = expectDeliveredInOrder(fake, result.acked);
    const retaken = atKill!.inFlight.length
      ? await onLedger<{ first: string }>(db.url, 'SELECT min(started_at) AS first FROM posting_attempts WHERE posting_id = ANY($1)', [atKill!.inFlight])
      : [];
    const takenOverAt = retaken[0] ? Number(retaken[0].first) : undefined;
    const unanswered = result.failures.filter((f) => f.status === 0).length;
    report(
      `three bridges, kill -9: acknowledged ${result.count} (${result.externalIds.size} externalIds; ${unanswered} requests unanswered and sent to the next bridge, ` +
        `${result.failures.length - unanswered} other failures), delivered ${t.distinct} distinct (${fake.received.length} sends), duplicates ${t.duplicates}, ` +
        `in flight on the dead bridge at the kill ${atKill!.inFlight.length} (at kill: ${atKill!.acked} acked, D365 had ${atKill!.receivedByD365}); ` +
        `lease ended ${atKill!.leaseEnds - atKill!.wallClock} ms after the kill, its postings retaken ${takenOverAt === undefined ? '-' : takenOverAt - atKill!.wallClock} ms after the kill; ` +
        `burst ${burstMs} ms, drain ${drainMs} ms`,
    );
    expect(done, 'the outbox drained').toBe(true);
    expect(result.failures.every((f) => f.status === 0), 'the only failures are the dead bridge’s unanswered requests').toBe(true);
    expect(result.externalIds.size).toBe(result.count);
    expect(t.distinct).toBe(result.count); // repeats were answered as duplicates, nothing made up
    expect(t.duplicates).toBeLessThanOrEqual(atKill!.inFlight.length);
    expect(fake.violations).toEqual([]);
    if (takenOverAt !== undefined) {
      expect(takenOverAt, 'the dead bridge’s claims were left alone while its lease lived').toBeGreaterThanOrEqual(atKill!.leaseEnds);
      expect(bridges[0]!.output() + bridges[2]!.output()).toMatch(/took back postings whose sender stopped mid-send/);
    }
    for (const b of [bridges[0]!, bridges[2]!]) expect(await stop(b, 'SIGTERM')).toMatchObject({ code: 0 });
  });
});
