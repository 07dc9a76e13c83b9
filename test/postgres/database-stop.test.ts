// The PostgreSQL server itself stopped (pg_ctl stop -m fast) and started again while two built
// bridges take a burst: during the outage every delivery is answered 503 with a sentence (never
// 200), /readyz is 503; the bridges reconnect by themselves, /readyz is 200 again, and everything
// acknowledged reaches D365 in order. A server of its own, so the suite's stays up for the others.
import { describe, expect, it } from 'vitest';
import { sleep } from '../support/fault-tools.js';
import { expectDeliveredInOrder } from '../support/item-burst.js';
import type { Started } from '../support/spawn-bridge.js';
import { drainedPg, pgBridgeFixture, spreadBurst } from './bridges-on-pg.js';
import { pgSkipped } from './pg-harness.js';
import { findBin, onServer, startLocalServer, withDatabase } from './pg-server.js';

const report = (...lines: unknown[]) => process.env.FAULT_REPORT && console.log(...lines);
const { fakeD365, startBridges, afterBridges } = pgBridgeFixture();
const bin = findBin();
const OUTAGE_MS = 2_000;

const readyz = async (b: Started) => {
  try {
    const res = await fetch(`${b.base}/readyz`, { signal: AbortSignal.timeout(5_000) });
    return { status: res.status, body: (await res.json()) as { database: string } };
  } catch (err) {
    return { status: 0, body: { database: String((err as { cause?: unknown }).cause ?? err) } };
  }
};

async function untilReady(bridges: Started[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await Promise.all(bridges.map(readyz))).every((r) => r.status === 200)) return true;
    await sleep(200);
  }
  return false;
}

// Needs the server binaries to start a server of its own (a PG_TEST_URL server can't be stopped here).
describe.skipIf(pgSkipped || !bin)('the PostgreSQL server stopped and started again mid-burst', () => {
  it('answers 503 with a sentence while it is down, reconnects by itself, loses nothing acknowledged', { timeout: 60_000 }, async () => {
    const server = await startLocalServer(bin!);
    afterBridges(async () => server.stop());
    await onServer(server.url, 'CREATE DATABASE bridge');
    const url = withDatabase(server.url, 'bridge');
    const fake = await fakeD365(10);
    const bridges = await startBridges(2, fake, url);
    // A bridge must ride the outage out, not end (the ledger's connections dropping is no reason).
    const ended: string[] = [];
    for (const b of bridges) b.child.once('exit', (code) => code !== null && ended.push(`exit ${code}:\n${b.output().slice(-2000)}`));

    const t0 = performance.now();
    const since = () => performance.now() - t0;
    let window: { down: number; up: number; readyDuring: { status: number; body: { database: string } }[] } | undefined;
    let outage: Promise<void> | undefined;
    const stopAndStart = async () => {
      server.halt();
      const down = since();
      const readyDuring = await Promise.all(bridges.map(readyz));
      await sleep(OUTAGE_MS);
      const up = since();
      server.resume();
      window = { down, up, readyDuring };
    };
    const result = await spreadBurst({
      prefix: 'D',
      orders: 10,
      perOrder: 10,
      urls: () => bridges.map((b) => b.urls['Item Attach']!),
      retryMs: 100, // the MES sends a 503'd delivery again (sooner than Retry-After, to keep the test short)
      onAck: (n) => {
        if (n === 40) outage = stopAndStart();
      },
    }).catch((err: Error) => {
      throw new Error(`${err.message}${ended.length ? `; a bridge ended: ${ended.join('\n')}` : ''}`);
    });
    await outage;
    expect(window, 'the server was stopped mid-burst').toBeDefined();
    const back = await untilReady(bridges, 20_000);
    const backMs = Math.round(since() - window!.up);
    const done = await drainedPg(fake, url, result.acked);
    const t = expectDeliveredInOrder(fake, result.acked);
    const during = result.failures.filter((f) => f.sentAt >= window!.down && f.at <= window!.up);
    report(
      `database stopped ${Math.round(window!.up - window!.down)} ms mid-burst: acknowledged ${result.count}, ${result.failures.length} answered 503 (${during.length} within the outage, the rest as it began or ended), ` +
        `none acknowledged while it was down; /readyz ${window!.readyDuring.map((r) => r.status).join('/')} during, 200 again ${backMs} ms after the restart; ` +
        `delivered ${t.distinct} distinct (${fake.received.length} sends), duplicates ${t.duplicates}`,
    );
    expect(ended, 'no bridge ended during the outage').toEqual([]);
    expect(result.failures.length, 'deliveries were refused during the outage').toBeGreaterThan(0);
    for (const f of result.failures) {
      expect(f.status).toBe(503);
      expect('body' in f && (JSON.parse(f.body) as { message: string }).message).toMatch(/^The ledger's database \(PostgreSQL at 127\.0\.0\.1:\d+\/bridge\) does not answer, so nothing was recorded\. Send it again/);
    }
    expect(result.acks.filter((a) => a.sentAt >= window!.down && a.at <= window!.up), 'acknowledged while the database was down').toEqual([]);
    for (const r of window!.readyDuring) expect(r).toEqual({ status: 503, body: expect.objectContaining({ database: 'unreachable' }) });
    expect(back, '/readyz is 200 again on every bridge').toBe(true);
    expect(done, 'the outbox drained').toBe(true);
    expect(result.externalIds.size).toBe(result.count);
    expect(t.distinct).toBe(result.count);
    expect(fake.violations).toEqual([]);
  });
});
