// The built bridge (node dist/node.js) killed, over real HTTP with the fake D365 on localhost:
// SIGKILL mid-burst and a restart on the same ledger (nothing that was acknowledged is lost, at
// most the sends in flight at the kill are repeated, each production order keeps its order),
// and restarts right after a kill, also with the dead bridge's pid (neither is refused).
// Stops and second bridges: fault-stop.test.ts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bridgeEnv, faultFixture, report, stop } from '../support/fault-fixture.js';
import { nodeLeases, postEvent, postingsInState, readLedger, settle } from '../support/fault-tools.js';
import { burst, drained, expectDeliveredInOrder, itemEvent, tally } from '../support/item-burst.js';
import { runToExit, stopBridge } from '../support/spawn-bridge.js';

const { dir, fakeD365, start } = faultFixture();

describe('the built bridge under faults', () => {
  it('kill -9 mid-burst: restarted on the same ledger, it loses nothing acknowledged and repeats at most the sends in flight', async () => {
    const fake = await fakeD365(20);
    const db = join(dir, 'kill.db');
    const env = bridgeEnv(fake, db);
    let bridge = await start(env);
    const ORDERS = 16;
    const PER_ORDER = 12; // 192 events
    const KILL_AT = 80;

    let back!: () => void;
    const bridgeBack = new Promise<void>((r) => (back = r));
    let atKill: { sending: number; queued: number; delivered: number; receivedByD365: number; acked: number } | undefined;
    let killed: Promise<void> | undefined;
    const killAndRestart = async (acked: number) => {
      await stopBridge(bridge.child, 'SIGKILL');
      atKill = {
        sending: postingsInState(db, 'sending'),
        queued: postingsInState(db, 'queued'),
        delivered: postingsInState(db, 'delivered'),
        receivedByD365: fake.received.length,
        acked,
      };
      const t = performance.now();
      bridge = await start(env); // on the same ledger, at once: the dead bridge's lease must not stand in the way
      restartMs = Math.round(performance.now() - t);
      back();
    };
    let restartMs = 0;

    const t0 = performance.now();
    const result = await burst({
      prefix: 'K',
      orders: ORDERS,
      perOrder: PER_ORDER,
      url: () => bridge.urls['Item Attach']!,
      bridgeBack: () => bridgeBack,
      onAck: (n) => {
        if (n === KILL_AT) killed = killAndRestart(n);
      },
    });
    await killed;
    const burstMs = Math.round(performance.now() - t0);
    expect(atKill, 'the kill happened mid-burst').toBeDefined();
    expect(atKill!.acked).toBeLessThan(result.count);

    const done = await drained(fake, db, result.acked);
    const drainMs = Math.round(performance.now() - t0) - burstMs;
    const t = expectDeliveredInOrder(fake, result.acked);
    report(
      `kill -9: acknowledged ${result.count} (${result.externalIds.size} externalIds, ${result.unanswered} requests unanswered at the kill and sent again), ` +
        `delivered ${t.distinct} distinct (${fake.received.length} sends), duplicates ${t.duplicates}, in flight at kill ${atKill!.sending} ` +
        `(at kill: ${atKill!.acked} acked, ${atKill!.delivered} delivered, ${atKill!.queued} queued, D365 had ${atKill!.receivedByD365}); ` +
        `restart ${restartMs} ms, burst ${burstMs} ms, drain ${drainMs} ms`,
    );
    expect(done, 'the outbox drained').toBe(true);
    expect(result.externalIds.size).toBe(result.count);
    expect(t.distinct).toBe(result.count); // nothing unacknowledged was made up either: repeats were answered as duplicates
    expect(t.duplicates).toBeLessThanOrEqual(atKill!.sending);
    expect(t.duplicates).toBeLessThanOrEqual(4); // DISPATCH_CONCURRENCY
    if (atKill!.sending > 0) expect(bridge.output()).toMatch(/took back postings whose sender stopped mid-send/);
    expect(fake.violations).toEqual([]);
    expect(await stop(bridge, 'SIGTERM')).toMatchObject({ code: 0 });
  });

  it('a restart right after kill -9 is not refused: the dead process no longer holds the ledger', async () => {
    const fake = await fakeD365(0);
    const db = join(dir, 'restart.db');
    const env = bridgeEnv(fake, db);
    const first = await start(env);
    const res = await postEvent(first.urls['Item Attach']!, itemEvent('R-PO-1', 'R-1'));
    expect(res.ok).toBe(true);
    await stop(first, 'SIGKILL');
    expect(nodeLeases(db).map((l) => l.pid), 'the killed bridge left its lease').toEqual([first.child.pid]);

    const t0 = performance.now();
    const second = await start(env);
    const ms = Math.round(performance.now() - t0);
    report(`restart right after kill -9: ${ms} ms`);
    expect(nodeLeases(db).map((l) => l.pid)).toEqual([second.child.pid]);
    const res2 = await postEvent(second.urls['Item Attach']!, itemEvent('R-PO-1', 'R-2'));
    expect(res2.ok).toBe(true);
    expect(await settle(() => fake.received.length, () => tally(fake).distinct === 2)).toBe(true);
    expect(tally(fake).duplicates).toBe(0);
    expect(await stop(second, 'SIGTERM')).toMatchObject({ code: 0 });
  });

  // In the Docker image node is PID 1: after a crash the container restarts with the same
  // hostname and the same pid, and the dead bridge's lease has that pid. A lease with our own pid
  // on our host, found before we take one, can only be a dead predecessor's. Simulated: a shell
  // prints its pid, the dead bridge's lease is given that pid, then the shell execs node.
  it('a restart that gets the dead bridge’s pid (PID 1 in a container) is not refused', async () => {
    const fake = await fakeD365(0);
    const db = join(dir, 'pid-reuse.db');
    const env = bridgeEnv(fake, db);
    const first = await start(env);
    await stop(first, 'SIGKILL');
    const result = await runToExit(env, {
      deadlineMs: 10_000,
      stopWhen: /listening on/,
      command: ['sh', '-c', 'echo "$$"; read go; exec "$0" dist/node.js', process.execPath],
      onSpawn: (child) =>
        child.stdout.once('data', (line: Buffer) => {
          const pid = Number(String(line).trim());
          readLedger(db, (d) => d.prepare("UPDATE leases SET pid = ? WHERE kind = 'node'").run(pid));
          child.stdin.end('go\n');
        }),
    });
    report(`restart with the dead bridge's pid: exit ${result.code} after ${Math.round(result.ms)} ms: ${result.output.split('\n').slice(1, 2).join('')}`);
    expect(result.output).toMatch(/listening on/);
  });
});
